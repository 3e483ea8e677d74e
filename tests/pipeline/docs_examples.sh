#!/usr/bin/env bash
# tinyaot pipeline test: the shell examples of docs/cli.md (a CI pipeline) and docs/golden.md (tinyaot
# golden), copied out of the pages and run as they are, with tinyaot in PATH, from a folder holding the
# shared hello_world model as model.tflite and its vectors as golden/. (The CMake examples of
# docs/cmake.md and docs/golden.md run in cmake_installed.sh.)
source "$(dirname "$0")/lib.sh"
need_shared
cp "$SHARED/models/hello_world.tflite" model.tflite
mkdir golden
cp "$SHARED"/golden/hello_world/{input,output}_*.bin golden/
PATH=$(dirname "$TINYAOT"):$PATH
[ "$(command -v tinyaot)" = "$TINYAOT" ] || fail "tinyaot in PATH is not $TINYAOT"

for example in "cli.md pipeline" "golden.md golden-cli"; do
  set -- $example
  extract_block "$TINYAOT_REPO/docs/$1" "$2" >"$2.sh"
  [ -s "$2.sh" ] || fail "docs/$1: no example marked '<!-- test: $2 -->'"
  bash "$2.sh" >"$2.log" 2>&1 || { cat "$2.log"; fail "the example '$2' of docs/$1 failed"; }
  echo "ok: docs/$1 example '$2'"
done
expect_in "$(cat golden-cli.log)" "5 records" "PASS"
[ -s gen/model.html ] && [ -s gen/model.txt ] || fail "the pipeline example did not write its reports"
echo "PASS"
