// tinyaot: pass prepare-ops.
#include "passes/prepare_ops.h"

#include "compiler/ops/op_def.h"

namespace tinyaot {

void PrepareOps::run(Graph& g, const PassOptions&) {
  for (Op& op : g.ops) {
    op.prepared = op.def->prepare(g, op);
    op.scratch_bytes = op.def->scratch_bytes(g, op);
  }
}

}  // namespace tinyaot
