#!/usr/bin/env bash
# tinyaot pipeline test: memory pools and sections (--pool, --weights-section; docs/memory.md).
# kws_dscnn, ic_resnet8 and micro_speech_lstm (with state) compiled into two pools still reproduce TFLite
# Micro's golden outputs on the host (the program owns the pools through NAME_DEFINE_POOLS); the section
# attributes are in the emitted code and the objects with arm-none-eabi-g++; a model too big for its pools
# fails with exit 5 naming the tensor and the bytes missing; pooled output is deterministic.
source "$(dirname "$0")/lib.sh"
need_shared
CXX=${CXX:-g++}
WARN=(-std=c++17 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror)

cat >main.cpp <<'CPP'
// Reads all inputs from argv[1], runs the model once on pools it owns, writes all outputs to argv[2].
#include <cstdio>

#include MODEL_H

MODEL_DEFINE_POOLS(pools);

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  std::FILE* in = std::fopen(argv[1], "rb");
  if (!in) return 2;
  MODEL::reset(pools);
  for (int i = 0; i < MODEL::kNumInputs; ++i) {
    const auto n = MODEL::kInputBytes[static_cast<unsigned>(i)];
    if (std::fread(MODEL::input(i, pools), 1, n, in) != n) return 2;
  }
  std::fclose(in);
  if (MODEL::invoke(pools) != 0) return 3;
  std::FILE* out = std::fopen(argv[2], "wb");
  if (!out) return 2;
  for (int i = 0; i < MODEL::kNumOutputs; ++i)
    std::fwrite(MODEL::output(i, pools), 1, MODEL::kOutputBytes[static_cast<unsigned>(i)], out);
  return std::fclose(out) == 0 ? 0 : 2;
}
CPP

for model in kws_dscnn ic_resnet8 micro_speech_lstm; do
  tflite="$SHARED/models/$model.tflite"
  [ -f "$tflite" ] || skip "$tflite missing"
  upper=$(tr a-z A-Z <<<"$model")
  opts=(--pool dtcm:8k:.dtcm --pool sram:1M:.bss.sram --weights-section .rodata.weights)
  expect_rc 0 "$TINYAOT" compile "$tflite" -o "gen_$model" "${opts[@]}"
  expect_in "$out" "pool dtcm: " "pool sram: "
  grep -q 'pool dtcm: 0 of' <<<"$out" && fail "$model: nothing went to the first pool"
  expect_rc 0 "$TINYAOT" compile "$tflite" -o "again_$model" "${opts[@]}"
  diff -r "gen_$model" "again_$model" >/dev/null || fail "$model: pooled output is not deterministic"
  header=$(cat "gen_$model/$model.h")
  expect_in "$header" "struct Pools {" "int invoke(const Pools& pools);" "kArenaSize = " \
    "#define ${upper}_POOL_DTCM_ATTR __attribute__((section(\".dtcm\"), aligned(16)))" \
    "#define ${upper}_POOL_SRAM_ATTR __attribute__((section(\".bss.sram\"), aligned(16)))" "${upper}_DEFINE_POOLS(VAR)"
  grep -q '__attribute__((section(".rodata.weights")))' "gen_$model/${model}_weights.cpp" ||
    fail "$model: weights are not in the --weights-section"

  # Host: warning-free with every flag of the house rules, bit-exact on every golden vector.
  mkdir -p "obj_$model"
  for f in "gen_$model"/*.cpp main.cpp; do
    "$CXX" "${WARN[@]}" -O2 -I "gen_$model" "-DMODEL_H=\"$model.h\"" "-DMODEL=$model" \
      "-DMODEL_DEFINE_POOLS=${upper}_DEFINE_POOLS" -c "$f" -o "obj_$model/$(basename "$f").o" ||
      fail "$model: $f does not compile"
  done
  "$CXX" "obj_$model"/*.o -o "app_$model" || fail "$model: link failed"
  runs=0
  for input in "$SHARED/golden/$model"/input_*.bin; do
    k=${input##*/input_}
    "./app_$model" "$input" "out_$k" || fail "$model: run failed on $input"
    cmp -s "out_$k" "$SHARED/golden/$model/output_$k" || fail "$model: output differs from TFLM's for input_$k"
    runs=$((runs + 1))
  done
  [ "$runs" -gt 0 ] || fail "$model: no golden vectors"
  echo "$model: $runs golden vectors bit-exact with pools"

  # Cortex-M: compiles warning-free, and the pools and weights land in their sections.
  if command -v arm-none-eabi-g++ >/dev/null; then
    mkdir -p "arm_$model"
    for f in "gen_$model"/*.cpp main.cpp; do
      arm-none-eabi-g++ "${WARN[@]}" -Os -mcpu=cortex-m4 -mthumb -fno-exceptions -fno-rtti -I "gen_$model" \
        "-DMODEL_H=\"$model.h\"" "-DMODEL=$model" "-DMODEL_DEFINE_POOLS=${upper}_DEFINE_POOLS" \
        -c "$f" -o "arm_$model/$(basename "$f").o" || fail "$model: arm-none-eabi-g++ fails on $f"
    done
    sections=$(arm-none-eabi-objdump -h "arm_$model"/*.o)
    expect_in "$sections" " .dtcm " " .bss.sram " " .rodata.weights "
    if arm-none-eabi-g++ -mcpu=cortex-m4 -mthumb --specs=nosys.specs "arm_$model"/*.o -o "arm_$model/app.elf" \
      2>/dev/null; then
      # The default linker script keeps .dtcm apart and folds .bss.* into .bss and .rodata.* into .rodata.
      expect_in "$(arm-none-eabi-objdump -h "arm_$model/app.elf")" " .dtcm "
      expect_in "$(arm-none-eabi-objdump -t "arm_$model/app.elf")" "pools_dtcm" "pools_sram"
    else
      fail "$model: the Cortex-M objects do not link"
    fi
  else
    echo "arm-none-eabi-g++ not found: Cortex-M part skipped"
  fi
done

# Too small: exit 5, naming the tensor and the bytes missing.
expect_rc 5 "$TINYAOT" compile "$SHARED/models/kws_dscnn.tflite" -o gen_small --pool a:1k --pool b:4k
expect_in "$out" "tensor " "fit in no memory pool" "bytes missing"
[ ! -e gen_small ] || fail "a failed compile wrote its output folder"
echo "does not fit: $out"
