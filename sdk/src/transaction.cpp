#include "catalog/sdk/transaction.hpp"

#include <memory>

#include "catalog/sdk/host.hpp"

namespace catalog::sdk {
namespace {

catalog_value toAbi(const Value& value) {
  catalog_value out{CATALOG_VALUE_NULL, 0, 0.0, {nullptr, 0}};
  const auto& raw = value.raw();
  if (const auto* i = std::get_if<std::int64_t>(&raw)) {
    out.type = CATALOG_VALUE_INT64;
    out.int64 = *i;
  } else if (const auto* d = std::get_if<double>(&raw)) {
    out.type = CATALOG_VALUE_DOUBLE;
    out.real = *d;
  } else if (const auto* s = std::get_if<std::string>(&raw)) {
    out.type = CATALOG_VALUE_TEXT;
    out.text = sdk::toAbi(*s);
  }
  return out;
}

Value fromAbi(const catalog_value& value) {
  switch (value.type) {
    case CATALOG_VALUE_INT64:
      return Value(value.int64);
    case CATALOG_VALUE_DOUBLE:
      return Value(value.real);
    case CATALOG_VALUE_TEXT:
      return Value(sdk::fromAbi(value.text));
    default:
      return Value();
  }
}

Rows materialize(const catalog_host_api& api, catalog_rows* raw) {
  const std::unique_ptr<catalog_rows, void (*)(catalog_rows*)> guard(raw, api.rows_free);
  const std::size_t columns = api.rows_column_count(raw);
  auto names = std::make_shared<std::vector<std::string>>();
  for (std::size_t c = 0; c < columns; ++c)
    names->push_back(sdk::fromAbi(api.rows_column_name(raw, c)));
  Rows rows;
  const std::size_t count = api.rows_count(raw);
  rows.reserve(count);
  for (std::size_t r = 0; r < count; ++r) {
    std::vector<Value> cells;
    cells.reserve(columns);
    for (std::size_t c = 0; c < columns; ++c) cells.push_back(fromAbi(api.rows_value(raw, r, c)));
    rows.emplace_back(names, std::move(cells));
  }
  return rows;
}

}  // namespace

Transaction::Transaction(Mode mode, std::string_view correlation_id) : tx_(nullptr), owned_(true) {
  const Host& h = host();
  catalog_error error{};
  const int32_t abi_mode = mode == Mode::ReadWrite ? CATALOG_TX_READ_WRITE : CATALOG_TX_READ_ONLY;
  if (h.api->tx_begin(h.context, abi_mode, sdk::toAbi(correlation_id), &tx_, &error) !=
      CATALOG_OK) {
    detail::throwHostError(error);
  }
}

Transaction::Transaction(catalog_tx* borrowed) : tx_(borrowed), owned_(false) {}

Transaction::~Transaction() {
  if (owned_ && tx_ != nullptr) host().api->tx_rollback(tx_);
}

Rows Transaction::query(std::string_view sql, std::initializer_list<Value> params) {
  Rows rows;
  run(sql, params.begin(), params.size(), &rows);
  return rows;
}

Rows Transaction::query(std::string_view sql, const std::vector<Value>& params) {
  Rows rows;
  run(sql, params.data(), params.size(), &rows);
  return rows;
}

std::int64_t Transaction::execute(std::string_view sql, std::initializer_list<Value> params) {
  return run(sql, params.begin(), params.size(), nullptr);
}

std::int64_t Transaction::execute(std::string_view sql, const std::vector<Value>& params) {
  return run(sql, params.data(), params.size(), nullptr);
}

std::int64_t Transaction::run(std::string_view sql, const Value* params, std::size_t count,
                              Rows* rows) {
  if (tx_ == nullptr) throw std::logic_error("transaction already finished");
  std::vector<catalog_value> abi_params;
  abi_params.reserve(count);
  for (std::size_t i = 0; i < count; ++i) abi_params.push_back(toAbi(params[i]));
  const catalog_host_api& api = *host().api;
  catalog_rows* raw = nullptr;
  std::int64_t affected = 0;
  catalog_error error{};
  if (api.tx_execute(tx_, sdk::toAbi(sql), abi_params.data(), abi_params.size(),
                     rows != nullptr ? &raw : nullptr, &affected, &error) != CATALOG_OK) {
    detail::throwHostError(error);
  }
  if (raw != nullptr) *rows = materialize(api, raw);
  return affected;
}

void Transaction::emit(const NewEvent& event) {
  if (tx_ == nullptr) throw std::logic_error("transaction already finished");
  const std::string payload = toText(event.payload);
  const catalog_new_event raw{sizeof(catalog_new_event),    sdk::toAbi(event.topic),
                              sdk::toAbi(event.event_type), sdk::toAbi(event.schema_version),
                              event.entity_version,         sdk::toAbi(payload)};
  catalog_error error{};
  if (host().api->tx_emit(tx_, &raw, &error) != CATALOG_OK) detail::throwHostError(error);
}

void Transaction::commit() {
  if (!owned_) throw std::logic_error("the host commits event transactions");
  if (tx_ == nullptr) throw std::logic_error("transaction already finished");
  catalog_tx* tx = tx_;
  tx_ = nullptr;
  catalog_error error{};
  if (host().api->tx_commit(tx, &error) != CATALOG_OK) detail::throwHostError(error);
}

std::string placeholders(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += i == 0 ? "?" : ", ?";
  return text;
}

}  // namespace catalog::sdk
