#!/usr/bin/env bash
# tinyaot sanitizer run (docs/hardening.md): builds the compiler and all tests with AddressSanitizer and
# UndefinedBehaviorSanitizer (-O1, assertions on) in their own build folder, then runs the unit, CLI,
# malformed-model and fuzz tests and the whole conformance suite, whose host builds of the emitted code
# get the same sanitizers through TINYAOT_HOST_CXXFLAGS. With clang the build is also instrumented for
# libFuzzer and `fuzz.bounded` fuzzes for TINYAOT_FUZZ_SECONDS (default 120). Exits non-zero on any failure.
#   TINYAOT_SANITIZE_BUILD_DIR  build folder (default build-sanitize)
#   TINYAOT_SANITIZE_CXX        compiler (default clang++ if installed, else g++: then no fuzzing)
#   TINYAOT_TEST_JOBS           ctest -j (default 2)
#   extra arguments go to ctest, e.g. `scripts/sanitize.sh -R op_conv`
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${TINYAOT_SANITIZE_BUILD_DIR:-$root/build-sanitize}
cxx=${TINYAOT_SANITIZE_CXX:-$(command -v clang++ || command -v g++)}
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
fuzz=OFF
flags=$san
if "$cxx" --version | grep -q clang; then
  # Coverage instrumentation for libFuzzer; harmless for the other programs (the sanitizer runtime
  # provides the hooks).
  flags="$san -fsanitize=fuzzer-no-link"
  fuzz=ON
fi
start=$SECONDS
echo "== sanitizer build: $cxx, $flags -> $build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DCMAKE_CXX_FLAGS="$flags" -DTINYAOT_FUZZ=$fuzz \
  ${TINYAOT_FUZZ_SECONDS:+-DTINYAOT_FUZZ_SECONDS=$TINYAOT_FUZZ_SECONDS} >"$build.configure.log" 2>&1 \
  || { cat "$build.configure.log"; echo "sanitize: configure failed" >&2; exit 1; }
cmake --build "$build" || { echo "sanitize: build failed" >&2; exit 1; }
echo "== build took $((SECONDS - start)) s"

# The emitted code: same sanitizers, -O1 (the later -O1 wins over the suite's -O2).
export TINYAOT_HOST_CXXFLAGS="-O1 $san ${TINYAOT_HOST_CXXFLAGS:-}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$build/ctest-sanitize.log
tstart=$SECONDS
# Left out: the QEMU tests (Arm builds, no host code to sanitize), the pipeline tests (nested CMake builds)
# and the emitted-code warning checks (they only run compilers).
ctest --test-dir "$build" -j "${TINYAOT_TEST_JOBS:-2}" --output-on-failure -LE "^(qemu|pipeline|hardening)$" \
  "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "== sanitizer tests took $((SECONDS - tstart)) s (total $((SECONDS - start)) s); log: $log"
exit "$status"
