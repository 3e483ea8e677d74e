# tinyaot board tools (host side): the library that builds and runs board firmware under QEMU.
# Included by tests/qemu and bench/cortexm; defines the target only once.
include_guard(GLOBAL)
add_library(tinyaot_cortexm_host STATIC
  ${CMAKE_SOURCE_DIR}/targets/boards/host/process.cpp
  ${CMAKE_SOURCE_DIR}/targets/boards/host/firmware.cpp
  ${CMAKE_SOURCE_DIR}/targets/boards/host/linkmap.cpp)
target_link_libraries(tinyaot_cortexm_host PUBLIC tinyaot_core)
target_compile_options(tinyaot_cortexm_host PRIVATE -Wall -Wextra)
# Where the board support sources are (startup, harness, linker scripts).
target_compile_definitions(tinyaot_cortexm_host PUBLIC
  TINYAOT_BOARDS_DIR="${CMAKE_SOURCE_DIR}/targets/boards"
  TINYAOT_RUNTIME_DIR="${CMAKE_SOURCE_DIR}/runtime_min")
