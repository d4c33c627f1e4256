# Fails when abi.h changed without a version change: sdk/abi.lock records, per ABI version, the
# SHA-256 of the header that version was released with.
# Usage: cmake -DHEADER=.../abi.h -DLOCK=.../abi.lock -P check_abi_lock.cmake
file(READ "${HEADER}" text)
string(REGEX MATCH "#define CATALOG_ABI_MAJOR ([0-9]+)" _ "${text}")
set(major "${CMAKE_MATCH_1}")
string(REGEX MATCH "#define CATALOG_ABI_MINOR ([0-9]+)" _ "${text}")
set(minor "${CMAKE_MATCH_1}")
if(major STREQUAL "" OR minor STREQUAL "")
  message(FATAL_ERROR "${HEADER}: CATALOG_ABI_MAJOR/CATALOG_ABI_MINOR not found")
endif()
file(SHA256 "${HEADER}" actual)

file(STRINGS "${LOCK}" lines REGEX "^[0-9]+\\.[0-9]+ [0-9a-f]+$")
set(recorded "")
foreach(line IN LISTS lines)
  if(line MATCHES "^${major}\\.${minor} ([0-9a-f]+)$")
    set(recorded "${CMAKE_MATCH_1}")
  endif()
endforeach()

if(recorded STREQUAL "")
  message(FATAL_ERROR "ABI ${major}.${minor} has no hash in ${LOCK}. If this is a new ABI version, "
                      "add the line:\n  ${major}.${minor} ${actual}")
endif()
if(NOT recorded STREQUAL actual)
  message(FATAL_ERROR "${HEADER} changed but its version is still ${major}.${minor}. Appending to a "
                      "struct: bump CATALOG_ABI_MINOR; changing or removing anything: bump "
                      "CATALOG_ABI_MAJOR. Then record the new hash in ${LOCK}.")
endif()
