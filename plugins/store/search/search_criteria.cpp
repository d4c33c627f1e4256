#include "search/search_criteria.hpp"

#include <cctype>

#include "catalog/sdk/amount.hpp"
#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/fields.hpp"

namespace catalog::store {
namespace {

constexpr std::size_t kMaxTextLength = 200;
constexpr std::size_t kMaxCharacteristicFilters = 10;

[[noreturn]] void invalid(const std::string& field, const std::string& message) {
  throw sdk::ValidationError(message, {{"field", field}});
}

std::optional<std::string> nonEmpty(const sdk::Request& request, const char* name) {
  auto value = request.query(name);
  if (!value) return std::nullopt;
  const auto first = value->find_first_not_of(" \t");
  if (first == std::string::npos) return std::nullopt;
  return value->substr(first, value->find_last_not_of(" \t") - first + 1);
}

// A price bound in cents: an Amount, or zero for "from nothing".
std::optional<std::int64_t> priceBound(const sdk::Request& request, const char* name) {
  const auto text = nonEmpty(request, name);
  if (!text) return std::nullopt;
  if (text->find_first_not_of("0.") == std::string::npos && text->front() == '0' &&
      text->find('.') == text->rfind('.'))
    return 0;
  return sdk::Amount::parse(*text, name).minorUnits();
}

}  // namespace

SearchCriteria SearchCriteria::from(const sdk::Request& request) {
  SearchCriteria c;
  c.page = sdk::PageRequest::from(request);
  // `query` as the SRS's example spells it.
  if (auto q = nonEmpty(request, "q"); q || (q = nonEmpty(request, "query")))
    c.text = sdk::boundedText(*q, "q", kMaxTextLength);
  c.min_cents = priceBound(request, "min_price");
  c.max_cents = priceBound(request, "max_price");
  if (c.min_cents && c.max_cents && *c.min_cents > *c.max_cents)
    invalid("min_price", "min_price must not be above max_price");
  if (auto currency = nonEmpty(request, "currency")) {
    std::string code;
    for (const char ch : *currency)
      code += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (code.size() != 3 ||
        code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)
      invalid("currency", "currency must be an ISO 4217 code such as USD, not '" + *currency + "'");
    c.currency = code;
  }
  if (auto channel = nonEmpty(request, "channel"))
    c.channel = sdk::boundedText(*channel, "channel", kMaxTextLength);

  const std::vector<std::string> filters = request.queryAll("characteristic");
  if (filters.size() > kMaxCharacteristicFilters) {
    invalid("characteristic",
            "at most " + std::to_string(kMaxCharacteristicFilters) + " characteristic filters");
  }
  for (const std::string& filter : filters)
    c.characteristics.push_back(CharacteristicFilter::parse(filter));
  if (auto logic = nonEmpty(request, "characteristic_logic")) {
    const std::string value = lowerKey(*logic);
    if (value != "and" && value != "or")
      invalid("characteristic_logic",
              "characteristic_logic must be and or or, not '" + *logic + "'");
    c.any_characteristic = value == "or";
  }

  c.sort = c.text ? Sort::Relevance : Sort::PublishedAt;
  if (auto sort = nonEmpty(request, "sort")) {
    const std::string value = lowerKey(*sort);
    if (value == "price")
      c.sort = Sort::Price;
    else if (value == "name")
      c.sort = Sort::Name;
    else if (value == "published_at")
      c.sort = Sort::PublishedAt;
    else if (value == "relevance" && c.text)
      c.sort = Sort::Relevance;
    else
      invalid("sort", "sort must be price, name or published_at (or relevance with q), not '" +
                          *sort + "'");
  }
  c.descending = c.sort == Sort::PublishedAt || c.sort == Sort::Relevance;
  if (auto order = nonEmpty(request, "order")) {
    const std::string value = lowerKey(*order);
    if (value != "asc" && value != "desc")
      invalid("order", "order must be asc or desc, not '" + *order + "'");
    c.descending = value == "desc";
  }
  return c;
}

}  // namespace catalog::store
