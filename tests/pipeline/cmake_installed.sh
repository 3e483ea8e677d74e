#!/usr/bin/env bash
# tinyaot pipeline test: the installed package. `cmake --install` of this build into a temporary prefix,
# then samples/cmake_app with find_package(tinyaot CONFIG REQUIRED): builds, runs, regenerates when the
# model or the installed compiler changes and only then. Also runs the CMake examples of docs/cmake.md and
# docs/golden.md against that prefix.
source "$(dirname "$0")/lib.sh"
command -v ninja >/dev/null || skip "ninja not installed"
: "${TINYAOT_BUILD_DIR:?}"
P=$PWD/prefix
cmake --install "$TINYAOT_BUILD_DIR" --prefix "$P" >install.log 2>&1 || { cat install.log; fail "cmake --install failed"; }
for f in bin/tinyaot lib/cmake/tinyaot/tinyaotConfig.cmake lib/cmake/tinyaot/tinyaotConfigVersion.cmake \
  lib/cmake/tinyaot/tinyaotTargets.cmake lib/cmake/tinyaot/tinyaot-functions.cmake; do
  [ -e "$P/$f" ] || fail "not installed: $f"
done
"$P/bin/tinyaot" --version | grep -q "tinyaot" || fail "the installed tinyaot does not run"
echo "ok: installed into $P"

"$TINYAOT_SAMPLE_MODEL_GEN" model.tflite >/dev/null
B=$PWD/app
cmake -S "$TINYAOT_REPO/samples/cmake_app" -B "$B" -G Ninja -DCMAKE_PREFIX_PATH="$P" -DAPP_MODEL="$PWD/model.tflite" \
  >configure.log 2>&1 || { cat configure.log; fail "configure with find_package failed"; }
build() {
  cmake --build "$B" >"$1" 2>&1 || { cat "$1"; fail "build failed"; }
  out=$(cat "$1")
}
build build1.log
expect_in "$out" "tinyaot: compiling"
grep -qF "$P/bin/tinyaot" "$B/build.ninja" || fail "the generation does not run the installed tinyaot"
"$B/cmake_app" || fail "cmake_app failed"
"$B/cmake_app_c" >/dev/null || fail "cmake_app_c failed"
build build2.log
expect_in "$out" "no work to do"
sleep 1 && touch "$P/bin/tinyaot"
build build3.log
expect_in "$out" "tinyaot: compiling"
sleep 1 && touch model.tflite
build build4.log
expect_in "$out" "tinyaot: compiling"
build build5.log
expect_in "$out" "no work to do"
echo "ok: find_package app builds and runs; regenerates on a new model or compiler, and only then"

# docs/cmake.md: the minimal project, copied out of the page.
mkdir -p doc_project
extract_block "$TINYAOT_REPO/docs/cmake.md" cmake-project >doc_project/CMakeLists.txt
extract_block "$TINYAOT_REPO/docs/cmake.md" cmake-main >doc_project/main.cpp
[ -s doc_project/CMakeLists.txt ] && [ -s doc_project/main.cpp ] || fail "docs/cmake.md examples not found"
cp model.tflite doc_project/model.tflite
cmake -S doc_project -B doc_build -G Ninja -DCMAKE_PREFIX_PATH="$P" >doc.log 2>&1 || { cat doc.log; fail "docs/cmake.md project: configure failed"; }
cmake --build doc_build >>doc.log 2>&1 || { cat doc.log; fail "docs/cmake.md project: build failed"; }
./doc_build/app || fail "docs/cmake.md app failed"
echo "ok: the docs/cmake.md example builds and runs"

# docs/golden.md: tinyaot_add_golden_test in a project, on the shared hello_world vectors (copied in as the
# docs' models/ and golden/ folders): every ctest passes; then with a wrong expected file the ctest fails
# with a report of the difference.
if [ -d "$SHARED/golden/hello_world" ]; then
  mkdir -p doc_golden/models doc_golden/golden
  cp "$SHARED/models/hello_world.tflite" doc_golden/models/
  cp "$SHARED"/golden/hello_world/{input,output}_*.bin doc_golden/golden/
  extract_block "$TINYAOT_REPO/docs/golden.md" cmake-golden >doc_golden/CMakeLists.txt
  [ -s doc_golden/CMakeLists.txt ] || fail "docs/golden.md CMake example not found"
  cmake -S doc_golden -B doc_golden_build -G Ninja -DCMAKE_PREFIX_PATH="$P" >golden.log 2>&1 || { cat golden.log; fail "docs/golden.md project: configure failed"; }
  (cd doc_golden_build && ctest --output-on-failure) >ctest.log 2>&1 || { cat ctest.log; fail "docs/golden.md golden tests failed"; }
  expect_in "$(cat ctest.log)" "100% tests passed"
  copy_wrong doc_golden/golden/output_1.bin wrong.bin
  cp wrong.bin doc_golden/golden/output_1.bin
  set +e
  (cd doc_golden_build && ctest --output-on-failure) >ctest_wrong.log 2>&1
  rc=$?
  set -e
  out=$(cat ctest_wrong.log)
  [ "$rc" != 0 ] || { cat ctest_wrong.log; fail "a golden test against a wrong expected file passed"; }
  expect_in "$out" "1 of 1 elements differ" "first at record 1" "FAIL: 1 of 1 outputs differ"
  echo "ok: docs/golden.md CMake example passes, and fails with a report on a wrong expected file"
else
  echo "note: shared data not found: docs/golden.md CMake example not run"
fi
echo "PASS"
