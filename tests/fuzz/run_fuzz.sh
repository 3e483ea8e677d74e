#!/usr/bin/env bash
# tinyaot fuzzing session: runs the libFuzzer target for a bounded time on the seed corpus plus the
# regression inputs, keeping what it learns in WORK/corpus between runs. Exit 0: no finding; 1: a finding
# (the input is saved as WORK/artifacts/crash-*, -leak-*, -timeout-* or -oom-*); 77: no fuzzer built.
# Usage: run_fuzz.sh FUZZER SEEDS_BIN WORK SECONDS [libFuzzer options...]
#   TINYAOT_FUZZ_JOBS=N   parallel fuzzing processes (default 1); docs/hardening.md has longer runs.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fuzzer=$1 seeds_bin=$2 work=$3 seconds=$4
shift 4
if [ ! -x "$fuzzer" ]; then
  echo "SKIP: no libFuzzer target: configure with clang and -DTINYAOT_FUZZ=ON (scripts/sanitize.sh does)"
  exit 77
fi
mkdir -p "$work/corpus" "$work/artifacts"
bash "$here/make_seed_corpus.sh" "$work/seeds" "$seeds_bin" || exit 1
jobs=${TINYAOT_FUZZ_JOBS:-1}
# -timeout: one input may take at most 60 s (a hang is a finding); -rss_limit_mb / -malloc_limit_mb: a
# model must not make the compiler allocate gigabytes; -max_len: mutations may grow inputs up to 1 MiB.
opts=(-max_total_time="$seconds" -timeout=60 -rss_limit_mb=3072 -malloc_limit_mb=2048 -max_len=1048576
      -dict="$here/tflite.dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1)
[ "$jobs" -gt 1 ] && opts+=(-fork="$jobs" -ignore_crashes=0)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
log=$work/fuzz.log
echo "fuzzing for $seconds s ($jobs job(s)); log: $log"
"$fuzzer" "${opts[@]}" "$@" "$work/corpus" "$work/seeds" "$here/regressions" >"$log" 2>&1
status=$?
grep -E "^#[0-9]+ +(INITED|DONE)|stat::|Done [0-9]+ runs" "$log" | tail -12
if [ "$status" -ne 0 ]; then
  echo "FINDING (exit $status): the end of the log:"
  tail -60 "$log"
  ls -l "$work/artifacts"
  echo "Reproduce: $fuzzer <artifact>; add it as a regression (docs/hardening.md)."
  exit 1
fi
echo "no finding; corpus now $(ls "$work/corpus" | wc -l) inputs"
