#!/usr/bin/env bash
# tinyaot pipeline test: `tinyaot golden` on the shared golden vectors: the batch form (--vectors), single
# files, a recorded stream of many vectors, NumPy .npy files, float inputs quantized on loading, and a
# deliberately wrong expected file (exit 7 with a report naming the output, the largest difference and
# the first mismatch).
source "$(dirname "$0")/lib.sh"
need_shared
G=$SHARED/golden
M=$SHARED/models

# Batch form over the shared layout, for two models the compiler supports.
for model in hello_world ad_autoencoder; do
  expect_rc 0 "$TINYAOT" golden "$M/$model.tflite" --vectors "$G/$model"
  expect_in "$out" "5 records" "0 of" "PASS"
done
echo "ok: --vectors on hello_world and ad_autoencoder"

# One vector, and a stream: five inputs in one file give five runs against five outputs.
expect_rc 0 "$TINYAOT" golden "$M/hello_world.tflite" --input "$G/hello_world/input_2.bin" --expect "$G/hello_world/output_2.bin"
expect_in "$out" "1 record," "PASS"
cat "$G"/hello_world/input_{1,2,3,4,5}.bin >stream_in.bin
cat "$G"/hello_world/output_{1,2,3,4,5}.bin >stream_out.bin
expect_rc 0 "$TINYAOT" golden "$M/hello_world.tflite" --input stream_in.bin --expect stream_out.bin
expect_in "$out" "5 records" "PASS"
echo "ok: single vector and a stream of 5"

# --quiet: nothing on success.
expect_rc 0 "$TINYAOT" --quiet golden "$M/hello_world.tflite" --vectors "$G/hello_world"
[ -z "$out" ] || fail "--quiet printed: $out"

# A wrong expected output: exit 7 and a report with the count, the largest difference and the first mismatch.
copy_wrong "$G/hello_world/output_3.bin" wrong.bin
expect_rc 7 "$TINYAOT" golden "$M/hello_world.tflite" --input "$G/hello_world/input_3.bin" --expect wrong.bin
expect_in "$out" "output 0 'StatefulPartitionedCall:0' int8[1,1]: 1 of 1 elements differ" "largest difference 3" \
  "first at record 1, element [0,0]" "FAIL"
# ... inside a stream: the report names the record.
cat "$G"/hello_world/output_{1,2}.bin wrong.bin "$G"/hello_world/output_{4,5}.bin >stream_wrong.bin
expect_rc 7 "$TINYAOT" golden "$M/hello_world.tflite" --input stream_in.bin --expect stream_wrong.bin
expect_in "$out" "1 of 5 elements differ" "first at record 3"
# ... and a tolerance of 3 accepts it.
expect_rc 0 "$TINYAOT" golden "$M/hello_world.tflite" --input stream_in.bin --expect stream_wrong.bin --tolerance 3
echo "ok: wrong expected file reported (exit 7), tolerance"

# A wrong expected output of a bigger model: many elements, multi-dimensional index.
copy_wrong "$G/ad_autoencoder/output_1.bin" ad_wrong.bin
expect_rc 7 "$TINYAOT" golden "$M/ad_autoencoder.tflite" --input "$G/ad_autoencoder/input_1.bin" --expect ad_wrong.bin
expect_in "$out" "output 0 'Identity' int8[1,640]: 1 of 640 elements differ" "element [0,0]"

# Two inputs and two outputs (graph_two_in_two_out: inputs of 189 and 17 bytes, outputs of 160 and 8):
# one file per input and per output, cut out of the concatenated shared records; a wrong byte in the
# second output is reported for that output only.
C=graph_two_in_two_out
if [ -d "$G/ops/$C" ]; then
  for k in 1 2 3; do
    head -c 189 "$G/ops/$C/input_$k.bin" >>in0.bin
    tail -c +190 "$G/ops/$C/input_$k.bin" >>in1.bin
    head -c 160 "$G/ops/$C/output_$k.bin" >>out0.bin
    tail -c +161 "$G/ops/$C/output_$k.bin" >>out1.bin
  done
  set +e
  "$TINYAOT" golden "$M/ops/$C.tflite" --input in0.bin --input in1.bin --expect out0.bin --expect out1.bin >two.log 2>&1
  rc=$?
  set -e
  if [ "$rc" = 4 ]; then
    echo "note: $C is not supported by the compiler yet: multi-input part not run"
  else
    [ "$rc" = 0 ] || { cat two.log; fail "two inputs/outputs as separate files: exit $rc"; }
    expect_in "$(cat two.log)" "3 records, 2 outputs" "output 1 'reshape_11' int8[1,8]: 0 of 24"
    copy_wrong out1.bin out1_wrong.bin
    expect_rc 7 "$TINYAOT" golden "$M/ops/$C.tflite" --input in0.bin --input in1.bin --expect out0.bin --expect out1_wrong.bin
    expect_in "$out" "output 0 'LOGISTIC_13' int8[1,5,4,8]: 0 of 480 elements differ" \
      "output 1 'reshape_11' int8[1,8]: 1 of 24 elements differ (3 records), largest difference 3, first at record 1, element [0,0]"
    echo "ok: two inputs and two outputs as separate files"
  fi
fi

# NumPy files (written by npy_write.py, no numpy needed): the same vectors as .npy int8 of shape (5,1,1),
# and as float32 values that quantize back to them with the input's scale and zero point (hello_world:
# scale 0.0244801156, zero point -128), as .npy and as raw float32 .bin with --float-input.
if command -v python3 >/dev/null; then
  W="python3 $PIPELINE_TESTS/npy_write.py"
  $W in.npy i1 5,1,1 stream_in.bin
  $W out.npy i1 5,1,1 stream_out.bin
  expect_rc 0 "$TINYAOT" golden "$M/hello_world.tflite" --input in.npy --expect out.npy
  expect_in "$out" "5 records" "PASS"
  $W in_f32.npy f4 5,1,1 stream_in.bin --dequantize 0.0244801156,-128
  expect_rc 0 "$TINYAOT" golden "$M/hello_world.tflite" --input in_f32.npy --expect stream_out.bin
  expect_in "$out" "5 records" "PASS"
  $W in_f32.bin f4 5 stream_in.bin --dequantize 0.0244801156,-128 --raw
  expect_rc 0 "$TINYAOT" golden "$M/hello_world.tflite" --float-input --input in_f32.bin --expect stream_out.bin
  expect_in "$out" "PASS"
  # Fortran order is refused with a hint.
  $W fortran.npy i1 5,1,1 stream_in.bin --fortran
  expect_rc 2 "$TINYAOT" golden "$M/hello_world.tflite" --input fortran.npy --expect stream_out.bin
  expect_in "$out" "fortran_order is True"
  echo "ok: .npy int8 and float32 (quantized) inputs, raw float32 with --float-input"
else
  echo "note: python3 not found: .npy part not run"
fi

# Usage errors: exit 2 with a message naming what is wrong.
expect_rc 2 "$TINYAOT" golden "$M/hello_world.tflite" --input stream_in.bin
expect_in "$out" "--input needs --expect"
printf 'xy' >short.bin
expect_rc 2 "$TINYAOT" golden "$M/hello_world.tflite" --input stream_in.bin --expect short.bin --expect short.bin
expect_in "$out" "1 outputs but 2 output files"
expect_rc 2 "$TINYAOT" golden "$M/hello_world.tflite" --input stream_in.bin --expect stream_out.bin --input stream_in.bin
expect_in "$out" "1 inputs but 2 input files"
cat stream_out.bin stream_out.bin >ten_out.bin
expect_rc 2 "$TINYAOT" golden "$M/hello_world.tflite" --input stream_in.bin --expect ten_out.bin
expect_in "$out" "the inputs hold 5 records but the expected outputs hold 10"
expect_rc 6 "$TINYAOT" golden "$M/hello_world.tflite" --input missing.bin --expect stream_out.bin
expect_in "$out" "missing.bin"
echo "ok: usage and I/O errors"
echo "PASS"
