#!/usr/bin/env bash
# tinyaot quick start: build tinyaot, generate the small sample model, compile it to C++, build the
# sample application (samples/hello) with the host compiler and run it. Everything goes to build/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${TINYAOT_BUILD_DIR:-$root/build}
bash "$root/scripts/setup.sh"

work=$build_dir/quickstart
mkdir -p "$work"
generator=$(find "$build_dir" -name tinyaot_make_sample_model -type f -perm -u+x -print -quit)
if [[ -z $generator ]]; then
  echo "quickstart: tinyaot_make_sample_model was not built (samples/sample_model)" >&2
  exit 1
fi

echo "== 1. generate the sample model"
"$generator" "$work/sample_model.tflite"

echo "== 2. compile it: tinyaot compile sample_model.tflite -o sample_model"
"$build_dir/tinyaot" compile "$work/sample_model.tflite" -o "$work/sample_model" --name sample_model
ls "$work/sample_model"

echo "== 3. build the sample application with the host compiler"
bash "$root/samples/hello/build.sh" "$work/sample_model" "$work/hello"

echo "== 4. run it"
"$work/hello"
