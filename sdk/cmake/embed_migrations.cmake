# Writes a C++ source that embeds every migration under DIR, so a plugin ships as one file.
# Layout: DIR/<dialect>/<NNN>_<name>.sql, dialect "sqlite" or "postgresql", or "common" for SQL
# both run as written.
# Usage: cmake -DDIR=... -DOUTPUT=... -DKIND=plugin|host|engine -P embed_migrations.cmake
#   plugin: defines catalog::sdk::detail::registerEmbeddedMigrations(), which registers each
#           migration with the host through the SDK.
#   host:   defines catalog::host::forEachHostMigration(add), which hands each one to `add`.
#   engine: the same for the workflow engine's database: catalog::host::forEachEngineMigration.
set(body "")
if(DIR)
  file(GLOB_RECURSE files RELATIVE "${DIR}" "${DIR}/*.sql")
  list(SORT files)
  foreach(file IN LISTS files)
    if(NOT file MATCHES "^(sqlite|postgresql|common)/([0-9]+)_([A-Za-z0-9_]+)\\.sql$")
      message(FATAL_ERROR
              "migration ${DIR}/${file}: expected <sqlite|postgresql|common>/<NNN>_<name>.sql")
    endif()
    # common/: SQL both dialects run as written.
    set(dialects "${CMAKE_MATCH_1}")
    if(dialects STREQUAL "common")
      set(dialects sqlite postgresql)
    endif()
    math(EXPR version "${CMAKE_MATCH_2}")
    set(name "${CMAKE_MATCH_2}_${CMAKE_MATCH_3}")
    file(READ "${DIR}/${file}" sql)
    foreach(dialect IN LISTS dialects)
      string(APPEND body "  addMigration(\"${dialect}\", ${version}, \"${name}\", R\"catalog_sql(${sql})catalog_sql\");\n")
    endforeach()
  endforeach()
endif()

if(KIND STREQUAL "plugin")
  set(head "#include \"catalog/sdk/plugin.hpp\"\n\nvoid catalog::sdk::detail::registerEmbeddedMigrations() {")
elseif(KIND STREQUAL "host")
  set(head "#include \"storage/host_migrations.hpp\"\n\nvoid catalog::host::forEachHostMigration(const MigrationSink& addMigration) {")
elseif(KIND STREQUAL "engine")
  set(head "#include \"workflow/engine_migrations.hpp\"\n\nvoid catalog::host::forEachEngineMigration(const MigrationSink& addMigration) {")
else()
  message(FATAL_ERROR "KIND must be plugin, host or engine")
endif()
set(content "// Generated from ${DIR} by embed_migrations.cmake. Do not edit.\n${head}\n${body}}\n")

if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
  if(previous STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
