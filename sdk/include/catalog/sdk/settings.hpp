#pragma once

/// @file
/// Reading a plugin's own settings (Plugin::config) into checked values, so that a bad value
/// stops the host at start with a message naming the key, instead of surprising a client later.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace catalog::sdk {

/// `text` without the white space around it.
std::string trimmed(std::string_view text);

/// `text`, trimmed; `fallback` when unset. Throws std::invalid_argument naming `key` when it
/// is blank.
std::string settingText(const std::optional<std::string>& text, const std::string& key,
                        const std::string& fallback);

/// `text` as an integer from `min` to `max`; `fallback` when unset. Throws
/// std::invalid_argument naming `key` otherwise.
int settingInt(const std::optional<std::string>& text, const std::string& key, int fallback,
               int min, int max);

/// `text` as a decimal number from `min` to `max`; `fallback` when unset. Throws
/// std::invalid_argument naming `key` otherwise.
double settingNumber(const std::optional<std::string>& text, const std::string& key,
                     double fallback, double min, double max);

/// The items of a comma-separated `text`, trimmed, empty ones dropped; none when unset.
std::vector<std::string> settingList(const std::optional<std::string>& text);

}  // namespace catalog::sdk
