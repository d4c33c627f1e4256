#include "catalog/sdk/settings.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace catalog::sdk {
namespace {

template <typename Number>
[[noreturn]] void refuse(const std::string& key, const char* kind, Number min, Number max,
                         const std::string& text) {
  throw std::invalid_argument(key + " must be " + kind + " from " + std::to_string(min) + " to " +
                              std::to_string(max) + ", not '" + text + "'");
}

}  // namespace

std::string trimmed(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string settingText(const std::optional<std::string>& text, const std::string& key,
                        const std::string& fallback) {
  if (!text) return fallback;
  std::string value = trimmed(*text);
  if (value.empty()) throw std::invalid_argument(key + " is empty");
  return value;
}

int settingInt(const std::optional<std::string>& text, const std::string& key, int fallback,
               int min, int max) {
  if (!text) return fallback;
  const std::string value = trimmed(*text);
  int number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc() || end != value.data() + value.size() || number < min || number > max)
    refuse(key, "an integer", min, max, *text);
  return number;
}

double settingNumber(const std::optional<std::string>& text, const std::string& key,
                     double fallback, double min, double max) {
  if (!text) return fallback;
  const std::string value = trimmed(*text);
  char* end = nullptr;
  const double number = value.empty() ? 0 : std::strtod(value.c_str(), &end);
  if (value.empty() || end != value.c_str() + value.size() || !(number >= min && number <= max))
    refuse(key, "a number", min, max, *text);
  return number;
}

std::vector<std::string> settingList(const std::optional<std::string>& text) {
  std::vector<std::string> items;
  if (!text) return items;
  std::size_t start = 0;
  while (start <= text->size()) {
    const std::size_t end = std::min(text->find(',', start), text->size());
    std::string item = trimmed(std::string_view(*text).substr(start, end - start));
    if (!item.empty()) items.push_back(std::move(item));
    start = end + 1;
  }
  return items;
}

}  // namespace catalog::sdk
