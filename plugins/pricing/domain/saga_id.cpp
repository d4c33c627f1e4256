#include "domain/saga_id.hpp"

#include "catalog/sdk/fields.hpp"

namespace catalog::pricing {

std::string validSagaId(std::string_view raw, std::string_view field) {
  constexpr std::size_t kMaxSagaIdLength = 100;
  return sdk::boundedText(raw, field, kMaxSagaIdLength);
}

}  // namespace catalog::pricing
