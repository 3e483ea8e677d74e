// tinyaot: pass check-ops.
#include "passes/check_ops.h"

#include "compiler/ops/op_def.h"

namespace tinyaot {

void CheckOps::run(Graph& g, const PassOptions&) {
  for (const Op& op : g.ops) op.def->check(g, op);
}

}  // namespace tinyaot
