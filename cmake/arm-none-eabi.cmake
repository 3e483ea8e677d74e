# tinyaot: CMake toolchain file for bare-metal Cortex-M with the GNU Arm Embedded toolchain
# (Debian: gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-dev).
#
#   cmake -S targets/boards -B build-arm-m4 -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/arm-none-eabi.cmake \
#         -DTINYAOT_CPU=cortex-m4 ...
#
# TINYAOT_CPU picks the core flags; the table mirrors targets/cpus.cpp (a test checks they agree).
# Everything is compiled with one section per function/object so --gc-sections drops unused code, and
# linked with newlib-nano without start files (the board support brings its own start-up code).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(TINYAOT_CPU "cortex-m4" CACHE STRING "Cortex-M core: cortex-m0plus, m3, m4, m7, m33, m55, m85")
set(TINYAOT_ARM_PREFIX "arm-none-eabi-" CACHE STRING "Prefix of the cross tools")
# try_compile projects re-read this file: hand them the chosen core.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES TINYAOT_CPU TINYAOT_ARM_PREFIX)

# Core flags (keep in sync with targets/cpus.cpp).
set(TINYAOT_CPU_FLAGS_cortex-m0plus "-mcpu=cortex-m0plus -mthumb -mfloat-abi=soft")
set(TINYAOT_CPU_FLAGS_cortex-m3 "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft")
set(TINYAOT_CPU_FLAGS_cortex-m4 "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard")
set(TINYAOT_CPU_FLAGS_cortex-m7 "-mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard")
set(TINYAOT_CPU_FLAGS_cortex-m33 "-mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard")
set(TINYAOT_CPU_FLAGS_cortex-m55 "-mcpu=cortex-m55 -mthumb -mfloat-abi=hard")
set(TINYAOT_CPU_FLAGS_cortex-m85 "-march=armv8.1-m.main+mve.fp+fp.dp -mthumb -mfloat-abi=hard")
if(NOT DEFINED TINYAOT_CPU_FLAGS_${TINYAOT_CPU})
  message(FATAL_ERROR "TINYAOT_CPU=${TINYAOT_CPU} is not a known core (see targets/cpus.cpp)")
endif()
set(TINYAOT_CPU_FLAGS "${TINYAOT_CPU_FLAGS_${TINYAOT_CPU}}")

find_program(TINYAOT_ARM_GCC ${TINYAOT_ARM_PREFIX}gcc REQUIRED)
find_program(TINYAOT_ARM_GXX ${TINYAOT_ARM_PREFIX}g++ REQUIRED)
set(CMAKE_C_COMPILER ${TINYAOT_ARM_GCC})
set(CMAKE_CXX_COMPILER ${TINYAOT_ARM_GXX})
set(CMAKE_ASM_COMPILER ${TINYAOT_ARM_GCC})
find_program(CMAKE_OBJCOPY ${TINYAOT_ARM_PREFIX}objcopy)
find_program(CMAKE_SIZE ${TINYAOT_ARM_PREFIX}size)

# Compiler checks link a test program; without start files and a linker script that would fail.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_C_FLAGS_INIT "${TINYAOT_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT
    "${TINYAOT_CPU_FLAGS} -ffunction-sections -fdata-sections -fno-exceptions -fno-rtti -fno-threadsafe-statics")
set(CMAKE_ASM_FLAGS_INIT "${TINYAOT_CPU_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostartfiles --specs=nano.specs --specs=nosys.specs -Wl,--gc-sections")

# Look for libraries and headers in the cross environment only; programs on the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
