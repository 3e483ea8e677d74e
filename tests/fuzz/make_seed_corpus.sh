#!/usr/bin/env bash
# tinyaot fuzz seed corpus: every .tflite of the shared data (real models, op suite, Vela outputs) plus the
# models our writer builds (tinyaot_fuzz_seeds), gathered into one folder. The shared files are linked,
# never copied into the repository. Files over TINYAOT_FUZZ_MAX_SEED bytes (default 600000) are left out:
# one run of a 4 MiB model takes long enough to slow the whole fuzzing session, and the ops inside it are
# covered by the smaller models.
# Usage: make_seed_corpus.sh OUT_DIR SEEDS_BIN [SHARED_DIR]
set -euo pipefail
out=$1
seeds_bin=$2
shared=${3:-${TINYAOT_SHARED:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/shared}}
max=${TINYAOT_FUZZ_MAX_SEED:-600000}
mkdir -p "$out"
n=0
if [ -d "$shared/models" ]; then
  while IFS= read -r -d '' f; do
    [ "$(stat -c %s "$f")" -le "$max" ] || continue
    rel=${f#"$shared/models/"}
    ln -sf "$f" "$out/shared_${rel//\//_}"
    n=$((n + 1))
  done < <(find "$shared/models" -name '*.tflite' -print0 | sort -z)
else
  echo "make_seed_corpus: no shared models at $shared/models; writer seeds only" >&2
fi
"$seeds_bin" "$out" >/dev/null
echo "seed corpus: $n shared models (<= $max bytes) + $(ls "$out" | grep -c '^writer_') writer models in $out"
