#!/usr/bin/env bash
# tinyaot pipeline test: `tinyaot inspect` (text and --json), `compile --report/--report-html`, the HTML
# page well-formed (python3's html.parser, xmllint when installed) and, when Debian's chromium is
# installed, rendered headless to a PNG. Error exit codes name the file.
source "$(dirname "$0")/lib.sh"
"$TINYAOT_SAMPLE_MODEL_GEN" sample.tflite >/dev/null

expect_rc 0 "$TINYAOT" inspect sample.tflite
expect_in "$out" "model sample.tflite (namespace sample, target generic)" "7 ops, 15 tensors" "operators (" \
  "CONV_2D" "padding=SAME stride=1x1" "tensors (" "memory plan:" "macs=18432" "per-channel" "(view: no code)"
total=$(grep -o '[0-9]* MACs' <<<"$out" | head -1 | cut -d' ' -f1)
sum=$(grep -o 'macs=[0-9]*' <<<"$out" | cut -d= -f2 | awk '{ s += $1 } END { print s }')
[ "$total" = "$sum" ] || fail "total MACs $total != sum of layers $sum"
expect_rc 0 "$TINYAOT" --quiet inspect sample.tflite --json
printf '%s\n' "$out" >inspect.json

# compile --report writes the same document as inspect --json; --report-html the page.
expect_rc 0 "$TINYAOT" compile sample.tflite -o gen --report report.json --report-html report.html
cmp inspect.json report.json || fail "inspect --json and compile --report differ"
expect_in "$(cat report.json)" '"arena": {' '"buffers": [' '"first":' '"last":' '"offset":' '"macs":' '"weight_bytes":'
if command -v python3 >/dev/null; then
  python3 - report.json <<'PY' || fail "report.json is not consistent"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["macs"] == sum(op["macs"] for op in r["ops"]), "macs"
assert r["arena"]["bound"] == max(op["live_bytes"] for op in r["ops"]), "bound"
for b in r["buffers"]:
    assert b["offset"] + b["size"] <= r["arena"]["size"], b
print("report.json: consistent,", len(r["tensors"]), "tensors,", len(r["buffers"]), "buffers")
PY
  python3 "$PIPELINE_TESTS/check_html.py" report.html 7 || fail "report.html is not well-formed"
fi
if command -v xmllint >/dev/null; then
  xmllint --noout report.html || fail "report.html is not well-formed XML"
  echo "xmllint: report.html is well-formed"
fi

# A real browser, when there is one: the page must render to a non-trivial PNG.
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chrome" ]; then
  timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1400 \
    --screenshot="$PWD/report.png" "file://$PWD/report.html" >chromium.log 2>&1 || { cat chromium.log; fail "chromium failed"; }
  [ "$(head -c 4 report.png | od -An -tx1 | tr -d ' ')" = "89504e47" ] || fail "report.png is not a PNG"
  size=$(stat -c %s report.png)
  [ "$size" -gt 20000 ] || fail "report.png is only $size bytes: blank page?"
  echo "chromium: rendered report.html to $PWD/report.png ($size bytes)"
else
  echo "note: chromium not installed: browser rendering not checked (apt-get install chromium)"
fi

# A real model from the shared data, when present.
if [ -f "$SHARED/models/kws_dscnn.tflite" ]; then
  expect_rc 0 "$TINYAOT" compile "$SHARED/models/kws_dscnn.tflite" -o kws --report-html kws.html --report kws.json
  command -v python3 >/dev/null && python3 "$PIPELINE_TESTS/check_html.py" kws.html 10
fi

# Errors: exit codes of docs/cli.md, the message names the file.
expect_rc 6 "$TINYAOT" inspect missing.tflite
expect_in "$out" "missing.tflite"
printf 'not a model at all' >bad.tflite
expect_rc 3 "$TINYAOT" inspect bad.tflite
expect_in "$out" "bad.tflite"
expect_rc 6 "$TINYAOT" compile sample.tflite -o gen2 --report-html /nonexistent-dir/r.html
expect_in "$out" "/nonexistent-dir/r.html"
expect_rc 2 "$TINYAOT" inspect
expect_rc 2 "$TINYAOT" compile sample.tflite -o gen3 --npu ethos-u55
expect_in "$out" "ethos-u55-128"
echo "PASS"
