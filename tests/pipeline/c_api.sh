#!/usr/bin/env bash
# tinyaot pipeline test: `--c-api`. A C11 program (gcc -std=c11 -pedantic -Werror) calls the model
# through NAME_c_api.h, linked with the generated C++; on hello_world it reproduces TFLite Micro's golden
# output through the C functions alone.
source "$(dirname "$0")/lib.sh"
CC=${CC:-gcc}
CXX=${CXX:-g++}
command -v "$CC" >/dev/null || skip "no C compiler ($CC)"

cat >main.c <<'C'
/* Reads all inputs from argv[1], runs the model once through the C API, writes all outputs to argv[2]. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include MODEL_C_API

static _Alignas(ARENA_ALIGN) uint8_t arena[ARENA_BYTES > 0 ? ARENA_BYTES : 1];

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  if (API(arena_size)() != ARENA_BYTES || API(arena_alignment)() != ARENA_ALIGN) return 4;
  if (API(input)(API(num_inputs)(), arena) != NULL || API(input_bytes)(-1) != 0) return 5;
  FILE* in = fopen(argv[1], "rb");
  if (!in) return 2;
  API(reset)(arena);
  for (int i = 0; i < API(num_inputs)(); ++i)
    if (fread(API(input)(i, arena), 1, API(input_bytes)(i), in) != API(input_bytes)(i)) return 2;
  fclose(in);
  if (API(invoke)(arena) != 0) return 3;
  FILE* out = fopen(argv[2], "wb");
  if (!out) return 2;
  for (int i = 0; i < API(num_outputs)(); ++i) fwrite(API(output)(i, arena), 1, API(output_bytes)(i), out);
  printf("ran: arena %zu bytes, input 0 scale %g zero point %d\n", API(arena_size)(), (double)API(input_scale)(0),
         (int)API(input_zero_point)(0));
  return fclose(out) == 0 ? 0 : 2;
}
C

# build NAME MODEL: compile with --c-api, C file with gcc -std=c11, generated C++ with g++, link.
build() {
  local name=$1 model=$2 upper
  upper=$(tr a-z A-Z <<<"$name")
  expect_rc 0 "$TINYAOT" compile "$model" -o "gen_$name" --name "$name" --c-api
  [ -f "gen_$name/${name}_c_api.h" ] && [ -f "gen_$name/${name}_c_api.cpp" ] || fail "C API files missing"
  "$CC" -std=c11 -pedantic -Wall -Wextra -Werror -I "gen_$name" -c main.c -o "main_$name.o" \
    "-DMODEL_C_API=\"${name}_c_api.h\"" "-DAPI(f)=${name}_##f" "-DARENA_BYTES=${upper}_ARENA_SIZE" \
    "-DARENA_ALIGN=${upper}_ARENA_ALIGNMENT" || fail "the C program does not compile against ${name}_c_api.h"
  mkdir -p "obj_$name"
  for f in "gen_$name"/*.cpp; do
    "$CXX" -std=c++17 -O1 -Wall -Wextra -Werror -I "gen_$name" -c "$f" -o "obj_$name/$(basename "$f").o" ||
      fail "generated C++ $f does not compile"
  done
  "$CXX" "main_$name.o" "obj_$name"/*.o -o "app_$name" || fail "link failed"
}

"$TINYAOT_SAMPLE_MODEL_GEN" sample.tflite >/dev/null
build sample sample.tflite
head -c 256 /dev/zero >zeros.bin
./app_sample zeros.bin sample_out.bin || fail "app_sample failed ($?)"
[ "$(stat -c %s sample_out.bin)" = 4 ] || fail "sample output is not 4 bytes"
echo "ok: C11 program linked and ran against the sample model"

if [ -d "$SHARED/golden/hello_world" ]; then
  build hello_world "$SHARED/models/hello_world.tflite"
  for k in 1 2 3; do
    ./app_hello_world "$SHARED/golden/hello_world/input_$k.bin" out_$k.bin || fail "app_hello_world failed"
    cmp out_$k.bin "$SHARED/golden/hello_world/output_$k.bin" || fail "C API output $k differs from TFLite Micro"
  done
  echo "ok: hello_world through the C API matches the golden outputs"
else
  echo "note: shared data not found: golden comparison through the C API not run"
fi
echo "PASS"
