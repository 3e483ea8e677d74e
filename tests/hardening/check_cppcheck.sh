#!/usr/bin/env bash
# tinyaot hardening: cppcheck on the emitted code of every case (emit_all.sh). Exit 77 (skip) without
# cppcheck. Checks: warning, style, performance, portability, as C++17 with the emitted folder as include
# path, so the runtime headers each model uses are analysed with it. Suppressed, with the reason:
#   missingIncludeSystem  the standard headers are not given to cppcheck (it has its own knowledge of them)
#   unusedFunction        not enabled: the API functions of NAME.h are used by the firmware, not here
#   checkersReport        an informational note of newer cppcheck versions, not a finding
# Weights files over 64 KiB are left out: they are constant arrays written by the same emitter code as
# the small ones that are checked, and cppcheck needs minutes per megabyte of array initializers.
# Usage: check_cppcheck.sh WORK
set -uo pipefail
work=$1
command -v cppcheck >/dev/null || { echo "SKIP: cppcheck is not installed"; exit 77; }
[ -d "$work/emitted" ] || { echo "no emitted cases in $work (run emit_all.sh first)"; exit 1; }
mkdir -p "$work/cppcheck"

check_case() {
  local dir=$1 id log f files=()
  id=$(basename "$dir")
  log=$work/cppcheck/$id.txt
  for f in "$dir"/*.cpp; do
    [[ $f == *_weights.cpp && $(stat -c %s "$f") -gt 65536 ]] && continue
    files+=("$f")
  done
  cppcheck --quiet --error-exitcode=1 --enable=warning,style,performance,portability --std=c++17 --language=c++ \
    --inline-suppr --suppress=missingIncludeSystem --suppress=checkersReport \
    --template='{file}:{line}: {severity} ({id}): {message}' -I "$dir" "${files[@]}" >"$log" 2>&1 ||
    { echo "FAILED $id"; cat "$log"; }
}
export -f check_case
export work
start=$SECONDS
out=$(find "$work/emitted" -mindepth 1 -maxdepth 1 -type d | sort | xargs -d '\n' -n 1 -P "$(nproc)" bash -c 'check_case "$0"')
cases=$(find "$work/emitted" -mindepth 1 -maxdepth 1 -type d | wc -l)
if [ -n "$out" ]; then
  echo "$out" | head -200
  echo "cppcheck $(cppcheck --version): findings in $(grep -c '^FAILED' <<<"$out") of $cases cases"
  exit 1
fi
big=$(find "$work/emitted" -name '*_weights.cpp' -size +64k | wc -l)
echo "cppcheck $(cppcheck --version): $cases cases, no finding ($big weights files over 64 KiB not analysed; $((SECONDS - start)) s)"
