#!/usr/bin/env bash
# tinyaot pipeline tests: writes DST = SRC with its first byte changed (a deliberately wrong expected
# output for the tinyaot_add_golden_test failure test). Usage: make_wrong_expected.sh SRC DST
set -euo pipefail
mkdir -p "$(dirname "$2")"
v=$(od -An -tu1 -N1 "$1" | tr -d ' ')
printf "\\$(printf %03o $(((v + 3) % 256)))" >"$2"
tail -c +2 "$1" >>"$2"
