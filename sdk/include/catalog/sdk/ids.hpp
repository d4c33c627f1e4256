#pragma once

/// @file
/// Identifiers and timestamps as the SRS wants them on the wire (§9.6): random UUIDs and
/// UTC ISO-8601 times.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace catalog::sdk {

/// A new random (version 4) UUID in canonical lowercase form.
std::string newUuid();

/// True when `text` is a UUID in canonical 8-4-4-4-12 hex form (either case).
bool isUuid(std::string_view text) noexcept;

/// `text` in the canonical lowercase form ids are stored in, or nullopt when it is no UUID.
/// Stored ids are compared as text, so every id from a client passes through here first.
std::optional<std::string> canonicalUuid(std::string_view text);

/// The current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ". Such strings sort in time order.
std::string utcNow();

/// The UTC time `delay` from now, in the same form.
std::string utcAfter(std::chrono::milliseconds delay);

}  // namespace catalog::sdk
