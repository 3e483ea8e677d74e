#!/usr/bin/env bash
# tinyaot pipeline test: a firmware cross-compiled with an arm-none-eabi toolchain file uses tinyaot as a
# host program, never built with the cross compiler: (1) add_subdirectory(tinyaot) with the cache
# variable TINYAOT_EXECUTABLE, (2) find_package(tinyaot) from an installed prefix (imported executable),
# (3) without either, configuration stops with a message saying what to set. The model library is
# built for the Cortex-M and checked to contain ARM code.
source "$(dirname "$0")/lib.sh"
command -v ninja >/dev/null || skip "ninja not installed"
command -v arm-none-eabi-gcc >/dev/null && command -v arm-none-eabi-g++ >/dev/null ||
  skip "arm-none-eabi-gcc/g++ not installed"
TC=$TINYAOT_REPO/cmake/arm-none-eabi.cmake
if [ ! -f "$TC" ]; then
  # The project's toolchain file is not there (yet): a minimal bare-metal one does the same job here.
  TC=$PWD/arm-none-eabi.cmake
  cat >"$TC" <<'CMAKE'
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m4 -mthumb")
set(CMAKE_CXX_FLAGS_INIT "-mcpu=cortex-m4 -mthumb -fno-exceptions -fno-rtti")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
CMAKE
  echo "note: $TINYAOT_REPO/cmake/arm-none-eabi.cmake not found: using a minimal toolchain file"
fi
"$TINYAOT_SAMPLE_MODEL_GEN" model.tflite >/dev/null

check_arm() {  # check_arm BUILD_DIR: the model library holds ARM objects and no tinyaot was built there
  local lib=$1/libapp_model.a
  [ -f "$lib" ] || fail "$lib not built"
  arm-none-eabi-objdump -f "$lib" | grep -q "architecture: arm" || fail "$lib is not ARM code"
  [ ! -e "$1/tinyaot/tinyaot" ] || fail "tinyaot was built with the cross toolchain"
  [ -f "$1/libcmake_app_fw.a" ] || fail "the firmware library was not built"
}

# (1) add_subdirectory + TINYAOT_EXECUTABLE.
cmake -S "$TINYAOT_REPO/samples/cmake_app" -B sub -G Ninja -DCMAKE_TOOLCHAIN_FILE="$TC" -DTINYAOT_SOURCE_DIR="$TINYAOT_REPO" \
  -DTINYAOT_EXECUTABLE="$TINYAOT" -DAPP_MODEL="$PWD/model.tflite" -DAPP_CPU=cortex-m4 >sub.log 2>&1 ||
  { cat sub.log; fail "cross configure (add_subdirectory) failed"; }
cmake --build sub >>sub.log 2>&1 || { cat sub.log; fail "cross build (add_subdirectory) failed"; }
expect_in "$(cat sub.log)" "tinyaot: compiling"
grep -qF -- "--target cortex-m4" sub/build.ninja || fail "CPU did not reach tinyaot as --target"
check_arm sub
echo "ok: add_subdirectory + TINYAOT_EXECUTABLE cross build"

# (2) installed package, found through tinyaot_DIR (the toolchain re-roots package searches).
cmake --install "$TINYAOT_BUILD_DIR" --prefix "$PWD/prefix" >install.log 2>&1 || { cat install.log; fail "install failed"; }
cmake -S "$TINYAOT_REPO/samples/cmake_app" -B pkg -G Ninja -DCMAKE_TOOLCHAIN_FILE="$TC" \
  -Dtinyaot_DIR="$PWD/prefix/lib/cmake/tinyaot" -DAPP_MODEL="$PWD/model.tflite" >pkg.log 2>&1 ||
  { cat pkg.log; fail "cross configure (find_package) failed"; }
cmake --build pkg >>pkg.log 2>&1 || { cat pkg.log; fail "cross build (find_package) failed"; }
grep -qF "$PWD/prefix/bin/tinyaot" pkg/build.ninja || fail "the imported host tinyaot is not used"
check_arm pkg
echo "ok: find_package cross build uses the installed host tinyaot"

# (3) neither: a clear message.
set +e
env PATH=/usr/bin:/bin cmake -S "$TINYAOT_REPO/samples/cmake_app" -B none -G Ninja -DCMAKE_TOOLCHAIN_FILE="$TC" \
  -DTINYAOT_SOURCE_DIR="$TINYAOT_REPO" -DAPP_MODEL="$PWD/model.tflite" >none.log 2>&1
rc=$?
set -e
[ "$rc" != 0 ] || fail "configuring a cross build without a host tinyaot succeeded"
expect_in "$(cat none.log)" "TINYAOT_EXECUTABLE"
echo "ok: no host compiler -> configure error naming TINYAOT_EXECUTABLE"
echo "PASS"
