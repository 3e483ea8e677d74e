#!/usr/bin/env bash
# tinyaot hardening, step 1 (ctest fixture): compiles every real model and op case of the shared data, plus
# our writer's and hostile-name models, into WORK/emitted/<case>/ (with --c-api; a few real models also with
# --target cortex-m4 / cortex-m55, i.e. with the DSP / Helium kernel variants), for the checks that follow
# (check_compilers.sh, check_cppcheck.sh). Models tinyaot does not support (exit 4) are listed and left out;
# any other failure fails the step.
# Usage: emit_all.sh TINYAOT HOSTILE_MODELS_BIN WORK [SHARED]
set -uo pipefail
tinyaot=$1 gen=$2 work=$3
shared=${4:-${TINYAOT_SHARED:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/shared}}
rm -rf "$work/emitted" "$work/models" "$work/emit_logs"
mkdir -p "$work/emitted" "$work/models" "$work/emit_logs"
"$gen" "$work/models" >/dev/null || exit 1

list=$work/cases.txt
: >"$list"
add() {  # id, model
  printf '%s\t%s\n' "$1" "$2" >>"$list"
}
if [ -d "$shared/models" ]; then
  for f in "$shared"/models/*.tflite; do add "model_$(basename "$f" .tflite)" "$f"; done
  for f in "$shared"/models/ops/*.tflite; do add "op_$(basename "$f" .tflite)" "$f"; done
  # The DSP (m4) and Helium (m55) kernel variants --target picks, on the models that use them.
  for m in kws_dscnn ic_resnet8 ad_autoencoder vww_mobilenet person_detect; do
    for t in m4 m55; do
      [ -f "$shared/models/$m.tflite" ] && add "target_${t}_$m" "$shared/models/$m.tflite"
    done
  done
else
  echo "NOTE: no shared models at $shared: checking the writer's models only"
fi
n=0
for f in "$work"/models/*.tflite; do
  n=$((n + 1))
  add "writer_$n" "$f"
done

emit_one() {
  local id=$1 model=$2 status target=generic
  case $id in target_m4_*) target=cortex-m4 ;; target_m55_*) target=cortex-m55 ;; esac
  "$tinyaot" --quiet compile "$model" -o "$work/emitted/$id" --name "$id" --c-api --target "$target" \
    >"$work/emit_logs/$id.log" 2>&1
  status=$?
  case $status in
    0) echo "ok $id" ;;
    4) echo "unsupported $id" ;;
    *) echo "FAILED $id (exit $status): $(cat "$work/emit_logs/$id.log")" ;;
  esac
}
export -f emit_one
export tinyaot work
results=$(tr '\t' '\n' <"$list" | xargs -d '\n' -n 2 -P "$(nproc)" bash -c 'emit_one "$0" "$1"')
ok=$(grep -c '^ok ' <<<"$results")
unsupported=$(grep '^unsupported ' <<<"$results" | cut -d' ' -f2 | sort | tr '\n' ' ')
echo "emitted $ok cases into $work/emitted; unsupported (left out): ${unsupported:-none}"
if grep -q '^FAILED' <<<"$results"; then
  grep '^FAILED' <<<"$results"
  exit 1
fi
[ "$ok" -gt 0 ]
