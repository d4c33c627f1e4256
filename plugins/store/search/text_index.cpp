#include "search/text_index.hpp"

#include "search/fts5_text_index.hpp"
#include "search/tsvector_text_index.hpp"

namespace catalog::store {

std::unique_ptr<TextIndex> textIndexFor(const std::string& dialect) {
  if (dialect == "postgresql") return std::make_unique<TsvectorTextIndex>();
  return std::make_unique<Fts5TextIndex>();
}

}  // namespace catalog::store
