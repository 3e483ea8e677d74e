#!/usr/bin/env bash
# tinyaot hardening: the emitted code of every case (emit_all.sh) must compile without a single warning.
# Every .cpp with the strict flags below, and NAME_c_api.h as C99, with one compiler family:
#   gxx    g++ -O2 (a full compile: some warnings need the optimizer's flow analysis) and gcc for C
#   clang  clang++ / clang -fsyntax-only
#   arm    arm-none-eabi-g++ -O2 for Cortex-M4 (DSP, FPv4) and Cortex-M55 (Helium), where int32_t is long
#          and pointers are 32 bits; arm-none-eabi-gcc for C. Exit 77 (skip) when not installed.
# Usage: check_compilers.sh gxx|clang|arm WORK
set -uo pipefail
kind=$1 work=$2
flags="-std=c++17 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror"
cflags="-std=c99 -Wall -Wextra -Wpedantic -Wconversion -Werror -fsyntax-only -x c"
case $kind in
  gxx) variants=("g++ -O2 -c -o /dev/null|gcc") ;;
  clang) variants=("clang++ -fsyntax-only|clang") ;;
  arm)
    variants=("arm-none-eabi-g++ -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -O2 -c -o /dev/null|arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb"
              "arm-none-eabi-g++ -mcpu=cortex-m55 -mthumb -mfloat-abi=hard -O2 -c -o /dev/null|arm-none-eabi-gcc -mcpu=cortex-m55 -mthumb") ;;
  *) echo "usage: check_compilers.sh gxx|clang|arm WORK" >&2; exit 2 ;;
esac
for v in "${variants[@]}"; do
  for tool in "${v%%|*}" "${v##*|}"; do
    command -v "${tool%% *}" >/dev/null || { echo "SKIP: ${tool%% *} is not installed"; exit 77; }
  done
done
[ -d "$work/emitted" ] || { echo "no emitted cases in $work (run emit_all.sh first)"; exit 1; }

check_case() {  # case dir; prints one line per failing file with the compiler output after it
  local dir=$1 v cxx cc f log
  for v in "${variants[@]}"; do
    cxx=${v%%|*} cc=${v##*|}
    for f in "$dir"/*.cpp; do
      log=$($cxx $flags -I "$dir" "$f" 2>&1) || printf 'FAILED %s: %s\n%s\n' "$f" "$cxx" "$log"
    done
    for f in "$dir"/*_c_api.h; do
      [ -e "$f" ] || continue
      log=$($cc $cflags "$f" 2>&1) || printf 'FAILED %s: %s (as C)\n%s\n' "$f" "$cc" "$log"
    done
  done
}
export -f check_case
export flags cflags
variants_text=$(printf '%s\n' "${variants[@]}")
export variants_text
start=$SECONDS
out=$(find "$work/emitted" -mindepth 1 -maxdepth 1 -type d | sort |
      xargs -d '\n' -n 1 -P "$(nproc)" bash -c 'mapfile -t variants <<<"$variants_text"; check_case "$0"')
cases=$(find "$work/emitted" -mindepth 1 -maxdepth 1 -type d | wc -l)
files=$(find "$work/emitted" -name '*.cpp' | wc -l)
if [ -n "$out" ]; then
  echo "$out" | head -200
  echo "$kind: $(grep -c '^FAILED' <<<"$out") file(s) with warnings or errors ($cases cases)"
  exit 1
fi
echo "$kind: $cases cases, $files .cpp files x ${#variants[@]} configuration(s): no warning ($((SECONDS - start)) s)"
