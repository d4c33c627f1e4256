# catalog_add_plugin(<name> SOURCES <files...> [MIGRATIONS <dir>] [VERSION <x.y.z>])
#
# Builds lib<name>.so as a catalogd plugin the way every plugin must be built: a MODULE linked
# with the SDK, hidden visibility, bind-now, no undefined symbols, and a version script that
# exports only catalog_plugin_entry. SQL migrations under <dir>/<dialect>/NNN_name.sql are
# embedded into the library. Installed into ${CATALOG_PLUGIN_INSTALL_DIR}.
#
# Expects CATALOG_SDK_TARGET (the SDK library target) and CATALOG_SDK_CMAKE_DIR to be set, as
# CatalogSDKConfig.cmake and the in-tree build do.

function(catalog_add_plugin name)
  cmake_parse_arguments(ARG "" "MIGRATIONS;VERSION" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "catalog_add_plugin(${name}): SOURCES is required")
  endif()

  set(generated "${CMAKE_CURRENT_BINARY_DIR}/${name}_migrations.cpp")
  set(sql_files "")
  if(ARG_MIGRATIONS)
    get_filename_component(ARG_MIGRATIONS "${ARG_MIGRATIONS}" ABSOLUTE)
    file(GLOB_RECURSE sql_files CONFIGURE_DEPENDS "${ARG_MIGRATIONS}/*.sql")
  endif()
  add_custom_command(
    OUTPUT "${generated}"
    COMMAND "${CMAKE_COMMAND}" -DDIR=${ARG_MIGRATIONS} -DOUTPUT=${generated} -DKIND=plugin
            -P "${CATALOG_SDK_CMAKE_DIR}/embed_migrations.cmake"
    DEPENDS ${sql_files} "${CATALOG_SDK_CMAKE_DIR}/embed_migrations.cmake"
    COMMENT "Embedding migrations of plugin ${name}"
    VERBATIM)

  add_library(${name} MODULE ${ARG_SOURCES} "${generated}")
  target_link_libraries(${name} PRIVATE ${CATALOG_SDK_TARGET})
  target_include_directories(${name} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    CXX_STANDARD 17
    CXX_STANDARD_REQUIRED ON)
  if(CATALOG_PLUGIN_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${CATALOG_PLUGIN_OUTPUT_DIRECTORY}")
  endif()
  target_link_options(${name} PRIVATE
    "LINKER:--no-undefined"
    "LINKER:-z,now"
    "LINKER:--version-script=${CATALOG_SDK_CMAKE_DIR}/plugin.map")
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${CATALOG_SDK_CMAKE_DIR}/plugin.map")

  set(version "${ARG_VERSION}")
  if(NOT version)
    set(version "0.0.0")
  endif()
  target_compile_definitions(${name} PRIVATE
    "CATALOG_PLUGIN_VERSION=\"${version}\""
    "CATALOG_BUILD_INFO=\"sdk=${CatalogSDK_VERSION} cxx=${CMAKE_CXX_COMPILER_ID}-${CMAKE_CXX_COMPILER_VERSION} poco=${Poco_VERSION}\"")

  if(CATALOG_PLUGIN_INSTALL_DIR)
    install(TARGETS ${name} LIBRARY DESTINATION "${CATALOG_PLUGIN_INSTALL_DIR}")
  endif()
endfunction()
