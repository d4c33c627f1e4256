#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/sdk/pagination.hpp"
#include "catalog/sdk/request.hpp"
#include "domain/characteristic_filter.hpp"

namespace catalog::store {

/// What a customer searches the store for (GET /api/v1/store/search), validated.
struct SearchCriteria {
  enum class Sort { Relevance, Price, Name, PublishedAt };

  std::optional<std::string>
      text;  ///< `q` (or `query`): words in name, description, characteristics
  std::optional<std::int64_t> min_cents;  ///< `min_price`, inclusive
  std::optional<std::int64_t> max_cents;  ///< `max_price`, inclusive
  std::optional<std::string> currency;    ///< `currency`: prices in it only (upper case)
  std::optional<std::string> channel;     ///< `channel`: a sales channel
  std::vector<CharacteristicFilter> characteristics;  ///< `characteristic`, repeatable
  bool any_characteristic = false;                    ///< `characteristic_logic=or`; AND by default
  Sort sort = Sort::PublishedAt;  ///< `sort`; relevance by default when `q` is given
  bool descending = true;         ///< `order`; asc by default for price and name
  sdk::PageRequest page;

  /// Reads the query. Throws sdk::ValidationError naming the parameter that is wrong.
  static SearchCriteria from(const sdk::Request& request);
};

}  // namespace catalog::store
