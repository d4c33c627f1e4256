#pragma once

#include "catalog/sdk/json.hpp"
#include "catalog/sdk/transaction.hpp"
#include "search/search_criteria.hpp"
#include "search/text_index.hpp"

namespace catalog::store {

/// Runs a store search over the visible entries: {"total", "page", "page_size", "items",
/// "facets"}, where items are PublishedOffering documents and the facets count, over every
/// entry that matched (not only this page), the lowest price of each entry by price range and
/// currency, and each characteristic value with its unit.
sdk::Json searchOfferings(sdk::Transaction& tx, const TextIndex& text,
                          const SearchCriteria& criteria);

}  // namespace catalog::store
