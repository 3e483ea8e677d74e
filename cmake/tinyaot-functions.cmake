# tinyaot: CMake functions that compile models into sources at build time (docs/cmake.md).
#
#   tinyaot_add_model(<target> MODEL <file.tflite> [NAME <id>] [CPU <cortex-m...>] [NPU <ethos-u...>]
#                     [OPTIONS <tinyaot compile flags...>])
#   tinyaot_add_golden_test(NAME <test> MODEL <file.tflite> (INPUTS <files...> EXPECTED <files...> | VECTORS <dir>)
#                           [TOLERANCE <n>] [OPTIONS <tinyaot golden flags...>])
#
# The compiler always runs on the build machine. It is, in this order: the cache variable
# TINYAOT_EXECUTABLE; the target tinyaot::tinyaot (from add_subdirectory(tinyaot), or imported by
# find_package(tinyaot)); a `tinyaot` program in PATH when cross-compiling.
include_guard(GLOBAL)

set(TINYAOT_EXECUTABLE "" CACHE FILEPATH
    "tinyaot compiler to run on the build machine (empty: the tinyaot::tinyaot target)")

# Sets <out_cmd> to the compiler command (path or generator expression) and <out_deps> to what generated
# files must depend on, so a new compiler binary regenerates them.
function(_tinyaot_compiler out_cmd out_deps)
  if(TINYAOT_EXECUTABLE)
    set(${out_cmd} "${TINYAOT_EXECUTABLE}" PARENT_SCOPE)
    set(${out_deps} "${TINYAOT_EXECUTABLE}" PARENT_SCOPE)
    return()
  endif()
  if(TARGET tinyaot::tinyaot)
    get_target_property(real tinyaot::tinyaot ALIASED_TARGET)
    if(real)
      # Built in this tree: the target name gives a target-level and a file-level dependency.
      set(${out_cmd} "$<TARGET_FILE:${real}>" PARENT_SCOPE)
      set(${out_deps} "${real}" PARENT_SCOPE)
    else()
      # Imported from an installed package: depend on the file itself.
      set(${out_cmd} "$<TARGET_FILE:tinyaot::tinyaot>" PARENT_SCOPE)
      set(${out_deps} "$<TARGET_FILE:tinyaot::tinyaot>" PARENT_SCOPE)
    endif()
    return()
  endif()
  find_program(TINYAOT_HOST_PROGRAM tinyaot NO_CMAKE_FIND_ROOT_PATH)
  if(TINYAOT_HOST_PROGRAM)
    set(${out_cmd} "${TINYAOT_HOST_PROGRAM}" PARENT_SCOPE)
    set(${out_deps} "${TINYAOT_HOST_PROGRAM}" PARENT_SCOPE)
    return()
  endif()
  message(FATAL_ERROR "tinyaot: no compiler found. Set -DTINYAOT_EXECUTABLE=/path/to/tinyaot (a build for "
                      "this machine), use find_package(tinyaot CONFIG REQUIRED) or add_subdirectory(tinyaot).")
endfunction()

# Default C++ identifier for a model file: its stem, as `tinyaot compile` would choose it.
function(_tinyaot_default_name model out)
  get_filename_component(stem "${model}" NAME_WLE)  # "my-model.v2.tflite" -> "my-model.v2"
  string(MAKE_C_IDENTIFIER "${stem}" id)
  if(id MATCHES "^_[0-9]")
    string(SUBSTRING "${id}" 1 -1 id)
    set(id "m_${id}")
  endif()
  set(${out} "${id}" PARENT_SCOPE)
endfunction()

function(tinyaot_add_model target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "MODEL;NAME;CPU;NPU" "OPTIONS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "tinyaot_add_model(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_MODEL)
    message(FATAL_ERROR "tinyaot_add_model(${target}): MODEL <file.tflite> is required")
  endif()
  get_filename_component(model "${arg_MODEL}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(arg_NAME)
    set(name "${arg_NAME}")
  else()
    _tinyaot_default_name("${model}" name)
  endif()
  if("--name" IN_LIST arg_OPTIONS OR "-o" IN_LIST arg_OPTIONS OR "--output" IN_LIST arg_OPTIONS)
    message(FATAL_ERROR "tinyaot_add_model(${target}): use NAME instead of --name; the output folder is chosen for you")
  endif()

  set(args --quiet compile "${model}" --name "${name}")
  if(arg_CPU)
    list(APPEND args --target "${arg_CPU}")
  endif()
  if(arg_NPU)
    list(APPEND args --npu "${arg_NPU}")
  endif()
  list(APPEND args ${arg_OPTIONS})

  # Generated files live in the build tree; the folder is replaced as a whole by tinyaot.
  set(base "${CMAKE_CURRENT_BINARY_DIR}/tinyaot_gen/${target}")
  set(src "${base}/src")
  set(outputs "${src}/${name}.h" "${src}/${name}.cpp" "${src}/${name}_weights.h" "${src}/${name}_weights.cpp")
  if("--c-api" IN_LIST arg_OPTIONS)
    list(APPEND outputs "${src}/${name}_c_api.h" "${src}/${name}_c_api.cpp")
  endif()

  # The options stamp changes (and so triggers a regeneration) only when the command line does.
  string(REPLACE ";" "\n" stamp_text "${args}")
  set(stamp "${base}/options.txt")
  set(old_text "")
  if(EXISTS "${stamp}")
    file(READ "${stamp}" old_text)
  endif()
  if(NOT old_text STREQUAL "${stamp_text}\n")
    file(WRITE "${stamp}" "${stamp_text}\n")
  endif()

  _tinyaot_compiler(cmd deps)
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${cmd} ${args} -o "${src}"
    DEPENDS "${model}" "${stamp}" ${deps}
    COMMENT "tinyaot: compiling ${arg_MODEL} (${name})"
    VERBATIM)
  set(sources ${outputs})
  list(FILTER sources INCLUDE REGEX "\\.cpp$")
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC "${src}")
  target_compile_features(${target} PUBLIC cxx_std_17)
  set_target_properties(${target} PROPERTIES TINYAOT_MODEL_NAME "${name}" TINYAOT_SOURCE_DIR "${src}")
endfunction()

function(tinyaot_add_golden_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;MODEL;TOLERANCE;VECTORS" "INPUTS;EXPECTED;OPTIONS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "tinyaot_add_golden_test(${arg_NAME}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_NAME OR NOT arg_MODEL)
    message(FATAL_ERROR "tinyaot_add_golden_test: NAME <test> and MODEL <file.tflite> are required")
  endif()
  if(NOT arg_VECTORS AND (NOT arg_INPUTS OR NOT arg_EXPECTED))
    message(FATAL_ERROR "tinyaot_add_golden_test(${arg_NAME}): give INPUTS and EXPECTED files, or VECTORS <dir>")
  endif()
  get_filename_component(model "${arg_MODEL}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  set(args golden "${model}")
  foreach(f IN LISTS arg_INPUTS)
    get_filename_component(f "${f}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND args --input "${f}")
  endforeach()
  foreach(f IN LISTS arg_EXPECTED)
    get_filename_component(f "${f}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND args --expect "${f}")
  endforeach()
  if(arg_VECTORS)
    get_filename_component(v "${arg_VECTORS}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND args --vectors "${v}")
  endif()
  if(DEFINED arg_TOLERANCE)
    list(APPEND args --tolerance "${arg_TOLERANCE}")
  endif()
  list(APPEND args --work-dir "${CMAKE_CURRENT_BINARY_DIR}/tinyaot_golden/${arg_NAME}" ${arg_OPTIONS})
  _tinyaot_compiler(cmd deps)
  add_test(NAME ${arg_NAME} COMMAND ${cmd} ${args})
  set_tests_properties(${arg_NAME} PROPERTIES LABELS tinyaot_golden)
endfunction()
