#!/usr/bin/env bash
# tinyaot hardening: reproducible output. Every model is compiled twice by separate processes (so address
# randomization differs), from different working directories, into different output paths (relative vs.
# absolute), with a different time zone and locale; the output folders (every file, byte for byte) and the
# JSON reports must be identical. The output must not contain the work folder, the shared folder, the
# host name or today's date. For the real models the second run starts a second later, so a
# timestamp would show.
# Usage: check_reproducible.sh TINYAOT HOSTILE_MODELS_BIN WORK [SHARED]
set -uo pipefail
tinyaot=$1 gen=$2 work=$3
shared=${4:-${TINYAOT_SHARED:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/shared}}
root=$work/repro
rm -rf "$root"
mkdir -p "$root/models" "$root/cwd_a" "$root/cwd_b/deeper/still" "$root/elsewhere"
"$gen" "$root/models" >/dev/null || exit 1
ln -s "$root/models" "$root/models_link"
cases=()
if [ -d "$shared/models" ]; then
  for f in "$shared"/models/*.tflite "$shared"/models/ops/*.tflite; do cases+=("$f"); done
fi
for f in "$root"/models/*.tflite; do cases+=("$f"); done

check_one() {  # index, model
  local i=$1 model=$2 a b rel ra rb pause=0 tag
  a=$root/cwd_a/$i b=$root/cwd_b/deeper/still/$i
  mkdir -p "$a" "$b"
  ln -s "$(dirname "$model")" "$a/m"
  ln -s "$(dirname "$model")" "$b/m"
  rel="m/$(basename "$model")"
  [[ $model == "$shared"/models/*.tflite && $model != */ops/* ]] && pause=1
  (cd "$a" && TZ=UTC LC_ALL=C "$tinyaot" --quiet compile "$rel" -o out --c-api --report report.json) >"$a/log" 2>&1
  ra=$?
  sleep "$pause"
  (cd "$b" && TZ=Asia/Kolkata LC_ALL=C.UTF-8 "$tinyaot" --quiet compile "$rel" -o "$root/elsewhere/$i/out" --c-api \
     --report report.json) >"$b/log" 2>&1
  rb=$?
  tag="$(basename "$model")"
  if [ "$ra" -ne "$rb" ]; then echo "FAILED $tag: exit codes $ra and $rb"; return; fi
  if [ "$ra" -eq 4 ]; then echo "unsupported $tag"; return; fi
  if [ "$ra" -ne 0 ]; then echo "FAILED $tag: exit $ra: $(cat "$a/log")"; return; fi
  diff -r "$a/out" "$root/elsewhere/$i/out" >/dev/null || { echo "FAILED $tag: output folders differ:"; diff -rq "$a/out" "$root/elsewhere/$i/out"; return; }
  cmp -s "$a/report.json" "$b/report.json" || { echo "FAILED $tag: reports differ"; return; }
  local leak
  for leak in "$root" "$work" "$shared" "$(hostname)" "$(date +%Y-%m-%d)" "$(date '+%b %e %Y')"; do
    [ ${#leak} -ge 4 ] || continue
    if grep -rqF -- "$leak" "$a/out"; then echo "FAILED $tag: the output contains '$leak'"; return; fi
  done
  echo "ok $tag"
}
export -f check_one
export tinyaot root shared
start=$SECONDS
results=$(for i in "${!cases[@]}"; do printf '%s\n%s\n' "$i" "${cases[$i]}"; done |
          xargs -d '\n' -n 2 -P "$(nproc)" bash -c 'check_one "$0" "$1"')
ok=$(grep -c '^ok ' <<<"$results")
if grep -q '^FAILED' <<<"$results"; then
  grep -A20 '^FAILED' <<<"$results" | head -100
  exit 1
fi
echo "reproducible: $ok models byte-identical across two runs ($(grep -c '^unsupported' <<<"$results") unsupported left out; $((SECONDS - start)) s)"
[ "$ok" -gt 0 ]
