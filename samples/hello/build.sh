#!/usr/bin/env bash
# tinyaot sample: builds samples/hello/main.cpp against a folder emitted by
#   tinyaot compile sample_model.tflite -o MODEL_DIR --name sample_model
# Usage: build.sh MODEL_DIR OUTPUT_EXE   (compiler: $CXX, default c++)
# Building emitted code needs nothing but this: every .cpp in MODEL_DIR plus yours, with -I MODEL_DIR.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 MODEL_DIR OUTPUT_EXE" >&2
  exit 2
fi
model_dir=$1
exe=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"${CXX:-c++}" -std=c++17 -O2 -Wall -Wextra -Werror -I "$model_dir" \
  "$here/main.cpp" "$model_dir"/*.cpp -o "$exe"
