#include "catalog/sdk/metrics.hpp"

#include "catalog/sdk/host.hpp"

namespace catalog::sdk::detail {

Metric::Metric(catalog_metric_kind kind, std::string_view name, std::string_view help,
               const std::vector<std::string>& labels, const std::vector<double>& buckets) {
  std::vector<catalog_str> names;
  for (const std::string& label : labels) names.push_back(toAbi(label));
  catalog_metric_spec spec{};
  spec.struct_size = sizeof(spec);
  spec.kind = kind;
  spec.name = toAbi(name);
  spec.help = toAbi(help);
  spec.label_names = names.data();
  spec.label_count = names.size();
  spec.buckets = buckets.data();
  spec.bucket_count = buckets.size();
  catalog_error error{};
  const Host& h = host();
  if (h.api->metric_add(h.context, &spec, &handle_, &error) != CATALOG_OK) throwHostError(error);
}

void Metric::record(std::initializer_list<std::string_view> label_values, double value) const {
  catalog_str values[8];
  std::vector<catalog_str> many;
  catalog_str* data = values;
  if (label_values.size() > 8) {
    many.resize(label_values.size());
    data = many.data();
  }
  std::size_t i = 0;
  for (const std::string_view label : label_values) data[i++] = toAbi(label);
  host().api->metric_record(handle_, data, label_values.size(), value);
}

}  // namespace catalog::sdk::detail
