#!/usr/bin/env bash
# tinyaot pipeline test: samples/cmake_app with add_subdirectory(tinyaot) (the in-tree tinyaot target).
# Checks the app builds and runs (C++ and C API), that a rebuild without changes does nothing, that
# touching the model or changing the options regenerates the sources, and that nothing else does.
# The build folder is kept between runs (PIPELINE_PERSIST) so the tinyaot compiler inside it is rebuilt
# incrementally; the first run compiles tinyaot once (without optimization, to be quick).
source "$(dirname "$0")/lib.sh"
command -v ninja >/dev/null || skip "ninja not installed"
"$TINYAOT_SAMPLE_MODEL_GEN" model.tflite >/dev/null
B=$PIPELINE_PERSIST/cmake_subdir_build
mkdir -p "$PIPELINE_PERSIST"

configure() {  # configure [APP_OPTIONS]
  cmake -S "$TINYAOT_REPO/samples/cmake_app" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=None \
    -DTINYAOT_SOURCE_DIR="$TINYAOT_REPO" -DAPP_MODEL="$PWD/model.tflite" "-DAPP_OPTIONS=${1:-}" >configure.log 2>&1 ||
    { cat configure.log; fail "configure failed"; }
}
build() {  # build LOG: builds everything, output in LOG and $out
  cmake --build "$B" >"$1" 2>&1 || { cat "$1"; fail "build failed"; }
  out=$(cat "$1")
}
generated() { grep -q "tinyaot: compiling" <<<"$out"; }
# noop_build LOG: a build that must do nothing. If the tinyaot sources changed meanwhile (people editing
# the tree during the test), the compiler is relinked and regenerates, rightly: build again until settled.
noop_build() {
  for attempt in 1 2 3; do
    build "$1"
    grep -q "no work to do" <<<"$out" && return 0
    grep -q "Linking CXX executable tinyaot/tinyaot" <<<"$out" || { printf '%s\n' "$out" >&2; fail "a build without changes did work"; }
    echo "note: the tinyaot sources changed during the test; building again"
  done
  fail "the build did not settle"
}

configure
build build1.log
generated || fail "the first build did not run tinyaot"
[ -x "$B/tinyaot/tinyaot" ] || fail "the in-tree tinyaot target was not used"
run_cpp=$("$B/cmake_app") || fail "cmake_app failed"
run_c=$("$B/cmake_app_c") || fail "cmake_app_c failed"
echo "$run_cpp"
[ "${run_cpp##*output 0:}" = "${run_c##*output 0:}" ] || fail "C and C++ API give different outputs: '$run_c'"
echo "ok: built with add_subdirectory, C++ and C API agree"

noop_build build2.log
echo "ok: rebuild without changes does nothing"

sleep 1 && touch model.tflite
build build3.log
generated || fail "touching the model did not regenerate"
expect_in "$out" "Linking CXX executable cmake_app"
noop_build build4.log
echo "ok: touching the model regenerates, once"

configure "--report;$PWD/report.json"
build build5.log
generated || fail "new options did not regenerate"
[ -f report.json ] || fail "the OPTIONS did not reach tinyaot"
configure "--report;$PWD/report.json"
noop_build build6.log
echo "ok: changed options regenerate, unchanged options (after a reconfigure) do not"

(cd "$B" && ctest --output-on-failure >ctest.log 2>&1) || { cat "$B/ctest.log"; fail "the app's ctest failed"; }
configure  # leave the folder in its default state for the next run
echo "PASS"
