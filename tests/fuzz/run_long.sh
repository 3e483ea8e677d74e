#!/usr/bin/env bash
# tinyaot long fuzzing session (docs/hardening.md): runs the libFuzzer target in the background for hours,
# at the lowest CPU priority, and keeps going after a finding so one session collects all of them.
# The fuzzer binary is copied into WORK first, so rebuilding the tree does not disturb the session.
# Same per-input limits as run_fuzz.sh (fuzz.bounded): 60 s, 3 GiB RSS, 2 GiB malloc, inputs <= 1 MiB.
# Usage:
#   run_long.sh start FUZZER SEEDS_BIN WORK SECONDS   start a session (returns at once; pid in WORK/pid)
#   run_long.sh status WORK                          executions, exec/s, coverage, corpus, findings so far
# Environment: TINYAOT_FUZZ_JOBS (default 1) parallel fuzzing processes (-fork=N).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

status() {  # status WORK: the last progress line of libFuzzer's fork mode, and the findings
  local work=$1 last
  last=$(grep -E '^#[0-9]+: cov:' "$work/fuzz.log" | tail -1)
  if [ -z "$last" ]; then echo "no progress line yet in $work/fuzz.log"; else echo "$last"; fi
  if [ -f "$work/pid" ] && kill -0 "$(cat "$work/pid")" 2>/dev/null; then echo "running (pid $(cat "$work/pid"))"
  else echo "not running"; fi
  echo "corpus: $(ls "$work/corpus" | wc -l) inputs; findings: $(ls "$work/artifacts" | wc -l)"
  ls "$work/artifacts"
}

case ${1:-} in
  start)
    [ $# -eq 5 ] || { echo "usage: run_long.sh start FUZZER SEEDS_BIN WORK SECONDS" >&2; exit 2; }
    fuzzer=$2 seeds_bin=$3 work=$4 seconds=$5
    [ -x "$fuzzer" ] || { echo "no fuzzer at $fuzzer (configure with scripts/sanitize.sh)" >&2; exit 2; }
    mkdir -p "$work/corpus" "$work/artifacts"
    bash "$here/make_seed_corpus.sh" "$work/seeds" "$seeds_bin" || exit 1
    cp "$fuzzer" "$work/fuzzer"
    # -ignore_*: a finding is saved to WORK/artifacts and the session goes on (fork mode restarts the job).
    opts=(-fork="${TINYAOT_FUZZ_JOBS:-1}" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1
          -max_total_time="$seconds" -timeout=60 -rss_limit_mb=3072 -malloc_limit_mb=2048 -max_len=1048576
          -dict="$here/tflite.dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1)
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
      nohup nice -n 19 "$work/fuzzer" "${opts[@]}" "$work/corpus" "$work/seeds" "$here/regressions" \
      >"$work/fuzz.log" 2>&1 </dev/null &
    echo $! >"$work/pid"
    echo "fuzzing for $seconds s in the background (pid $!); progress: run_long.sh status $work"
    ;;
  status)
    [ $# -eq 2 ] || { echo "usage: run_long.sh status WORK" >&2; exit 2; }
    status "$2"
    ;;
  *)
    echo "usage: run_long.sh start FUZZER SEEDS_BIN WORK SECONDS | status WORK" >&2
    exit 2
    ;;
esac
