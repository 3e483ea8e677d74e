# tinyaot pipeline tests: shared shell helpers, sourced by every *.sh test here.
# Environment (set by tests/pipeline/CMakeLists.txt): TINYAOT (the compiler), TINYAOT_REPO (source root),
# PIPELINE_WORK (a scratch folder for this test), TINYAOT_SHARED (optional; default <repo>/../shared).
set -euo pipefail

: "${TINYAOT:?TINYAOT must point at the tinyaot executable}"
: "${TINYAOT_REPO:?TINYAOT_REPO must point at the source tree}"
: "${PIPELINE_WORK:?PIPELINE_WORK must name a scratch folder}"
SHARED=${TINYAOT_SHARED:-$TINYAOT_REPO/../shared}
PIPELINE_TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SKIP=77  # ctest SKIP_RETURN_CODE

rm -rf "$PIPELINE_WORK"
mkdir -p "$PIPELINE_WORK"
cd "$PIPELINE_WORK"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

skip() {
  echo "SKIP: $*"
  exit $SKIP
}

need_shared() {
  [ -d "$SHARED/golden" ] || skip "shared data not found at $SHARED (set TINYAOT_SHARED)"
}

# expect_rc CODE CMD...: runs CMD with stdout+stderr in $out, fails unless it exits with CODE.
expect_rc() {
  local want=$1
  shift
  set +e
  out=$("$@" 2>&1)
  local rc=$?
  set -e
  if [ "$rc" != "$want" ]; then
    printf '%s\n' "$out" >&2
    fail "exit code $rc, expected $want: $*"
  fi
}

# expect_in TEXT NEEDLE...: every NEEDLE (a fixed string) must occur in TEXT.
expect_in() {
  local text=$1
  shift
  for n in "$@"; do
    if ! grep -qF -- "$n" <<<"$text"; then
      printf '%s\n' "$text" >&2
      fail "missing in the output above: '$n'"
    fi
  done
}

# copy_wrong SRC DST: DST is SRC with its first byte changed by +3 (mod 256): a deliberately wrong
# expected output, made at test time so the shared data is never written.
copy_wrong() {
  local v
  v=$(od -An -tu1 -N1 "$1" | tr -d ' ')
  printf "\\$(printf %03o $(((v + 3) % 256)))" >"$2"
  tail -c +2 "$1" >>"$2"
}

# extract_block DOC NAME: prints the fenced code block that follows `<!-- test: NAME -->` in DOC.
extract_block() {
  awk -v name="$2" '
    $0 ~ "<!-- test: " name " -->" { armed = 1; next }
    armed && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }
  ' "$1"
}
