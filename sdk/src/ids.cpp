#include "catalog/sdk/ids.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

#include <cctype>

namespace catalog::sdk {

std::string newUuid() { return Poco::UUIDGenerator::defaultGenerator().createRandom().toString(); }

bool isUuid(std::string_view text) noexcept {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

std::optional<std::string> canonicalUuid(std::string_view text) {
  if (!isUuid(text)) return std::nullopt;
  std::string id(text);
  for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return id;
}

std::string utcNow() { return utcAfter(std::chrono::milliseconds(0)); }

std::string utcAfter(std::chrono::milliseconds delay) {
  const Poco::Timestamp at =
      Poco::Timestamp() + static_cast<Poco::Timestamp::TimeDiff>(delay.count()) * 1000;
  return Poco::DateTimeFormatter::format(at, "%Y-%m-%dT%H:%M:%S.%iZ");
}

}  // namespace catalog::sdk
