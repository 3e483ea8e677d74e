#!/usr/bin/env bash
# tinyaot sanitizer stage (docs/hardening.md), run by scripts/test.sh after the main tests. Builds, with
# clang++ and AddressSanitizer + UndefinedBehaviorSanitizer (-O1, assertions on, -fno-sanitize-recover=all),
# only what it runs: the compiler, the conformance suite, the malformed-model tests and the fuzz targets
# (instrumented for libFuzzer). Then runs with ctest: the whole conformance suite (sanitized compiler, and
# the emitted code built by clang++ with the same sanitizers), the malformed corpus, fuzz.replay and
# fuzz.bounded (TINYAOT_FUZZ_SECONDS of fuzzing, default 120). Prints one summary line; exits non-zero on
# any failure or sanitizer report.
#   TINYAOT_SANITIZE_BUILD_DIR  build folder (default: <TINYAOT_BUILD_DIR or build>/asan)
#   TINYAOT_SANITIZE_CXX        compiler (default clang++; must be clang: libFuzzer)
#   TINYAOT_TEST_JOBS           ctest -j and build jobs (default 2)
#   extra arguments go to ctest, e.g. `scripts/sanitize.sh -R op_conv`
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TINYAOT_SANITIZE_BUILD_DIR:-${TINYAOT_BUILD_DIR:-$root/build}/asan}
cxx=${TINYAOT_SANITIZE_CXX:-clang++}
jobs=${TINYAOT_TEST_JOBS:-2}
start=$SECONDS

summary() {  # summary STATUS WHAT: the one line test.sh and CI logs show
  echo "== sanitizer stage: $1 ($2; build ${build_s:-?} s, tests ${test_s:-?} s, total $((SECONDS - start)) s)"
}
if ! command -v "$cxx" >/dev/null || ! "$cxx" --version 2>/dev/null | grep -q clang; then
  summary FAILED "$cxx is not clang++: install clang and libclang-rt-14-dev (scripts/setup.sh does)"
  exit 1
fi

san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
# The compiler and the tests also get coverage instrumentation for libFuzzer (the fuzz target links the
# same tinyaot_core); the sanitizer runtime provides its hooks for the other programs.
flags="$san -fsanitize=fuzzer-no-link"
targets=(tinyaot tinyaot_conformance tinyaot_malformed_tests tinyaot_fuzz_replay tinyaot_fuzz_seeds
         tinyaot_fuzz_compile)
echo "== sanitizer build: $cxx $flags -> $build (${targets[*]})"
mkdir -p "$build"
generator=()
[[ -f $build/CMakeCache.txt ]] || generator=(-G Ninja)
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DCMAKE_CXX_FLAGS="$flags" -DTINYAOT_FUZZ=ON \
  ${TINYAOT_FUZZ_SECONDS:+-DTINYAOT_FUZZ_SECONDS=$TINYAOT_FUZZ_SECONDS} >"$build/configure.log" 2>&1 \
  || { tail -40 "$build/configure.log"; summary FAILED "configure failed"; exit 1; }
cmake --build "$build" -j "$jobs" --target "${targets[@]}" \
  || { summary FAILED "build failed"; exit 1; }
build_s=$((SECONDS - start))

# The emitted code: clang++ with the same sanitizers, at the suite's -O2 (measured: -O1 is no faster here;
# docs/hardening.md).
export TINYAOT_HOST_CXX=${TINYAOT_SANITIZE_HOST_CXX:-$cxx}
export TINYAOT_HOST_CXXFLAGS="$san ${TINYAOT_HOST_CXXFLAGS:-}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$build/ctest-sanitize.log
tstart=$SECONDS
# Only the tests of the programs built above (the others would show up as NOT_BUILT).
ctest --test-dir "$build" -j "$jobs" --output-on-failure -R '^(Conformance/|malformed\.|fuzz\.)' "$@" 2>&1 \
  | tee "$log"
status=${PIPESTATUS[0]}
test_s=$((SECONDS - tstart))
result=$(grep -E "tests passed|tests failed|No tests were found" "$log" | tail -1)
skipped=$(grep -c "(Skipped)$" "$log")
if [[ $status -ne 0 || -z $result || $result == *"No tests"* ]]; then
  summary FAILED "${result:-ctest did not run}; log: $log"
  exit 1
fi
summary PASSED "$result, $skipped skipped; log: $log"
