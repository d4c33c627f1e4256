#pragma once

/// @file
/// The mechanics every context's CRUD shares for an entity with an id and a unique name, so
/// that each answers alike: 404 for an id that is malformed or unknown, 409 naming the holder
/// of a name, and 409 too when a concurrent write takes the name between the check and the
/// write (the unique index has the last word).
///
///   Characteristic c = sdk::requireFound("characteristic", request.param("id"),
///                                        [&](const std::string& id) { return repo.find(id); });
///   sdk::writeUniquelyNamed("characteristic", c.name(), repo.idOfName(c.name()), c.id(),
///                           [&] { return repo.update(c, expected_version); });

#include <optional>
#include <string>
#include <string_view>

#include "catalog/sdk/errors.hpp"
#include "catalog/sdk/ids.hpp"

namespace catalog::sdk {

/// What `find` (canonical id → std::optional<Entity>) finds for `raw_id`, a client's id in any
/// case; throws NotFoundError naming `what` when it is no UUID or finds nothing.
template <typename Find>
auto requireFound(std::string_view what, std::string_view raw_id, Find find) {
  const std::optional<std::string> id = canonicalUuid(raw_id);
  if (!id) throwNotFound(what, raw_id);
  auto found = find(*id);
  if (!found) throwNotFound(what, *id);
  return std::move(*found);
}

/// Runs `write` (an insert or update of the entity `own_id` named `name`) and returns what it
/// returns, unless `holder`, the id of the entity already holding the name, is another one; a
/// ConflictError from `write` is the unique index refusing the name. Either way, throws the
/// name-taken ConflictError.
template <typename Write>
auto writeUniquelyNamed(std::string_view what, const std::string& name,
                        const std::optional<std::string>& holder, const std::string& own_id,
                        Write write) {
  if (holder && *holder != own_id) throwNameTaken(what, name, *holder);
  try {
    return write();
  } catch (const ConflictError&) {
    throwNameTaken(what, name);
  }
}

}  // namespace catalog::sdk
