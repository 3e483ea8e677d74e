#!/usr/bin/env bash
# tinyaot tests: setup + build, then every test (unit tests and the conformance suite against
# ../shared/golden) with ctest. Exits non-zero when a test fails. Jobs: TINYAOT_TEST_JOBS (default 2).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${TINYAOT_BUILD_DIR:-$root/build}
bash "$root/scripts/setup.sh" || { echo "test: setup/build failed" >&2; exit 1; }

log=$build_dir/ctest.log
start=$SECONDS
ctest --test-dir "$build_dir" -j "${TINYAOT_TEST_JOBS:-2}" --output-on-failure 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo
echo "== ctest summary ($((SECONDS - start)) s; full log: $log)"
grep -E "tests passed|tests failed|No tests were found" "$log" | tail -1 || true
skipped=$(grep -c "(Skipped)$" "$log" || true)
echo "skipped: $skipped (unsupported ops or no shared data; listed under 'The following tests did not run')"
exit "$status"
