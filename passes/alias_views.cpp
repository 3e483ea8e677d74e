// tinyaot: pass alias-views (see alias_views.h).
#include "passes/alias_views.h"

#include "compiler/ops/op_def.h"
#include "passes/lifetimes.h"

namespace tinyaot {

bool can_alias_view(const Graph& g, const Op& op) {
  if (op.inputs.empty() || op.outputs.size() != 1 || op.inputs[0] < 0) return false;
  const Tensor& in = g.tensor(op.inputs[0]);
  const Tensor& out = g.tensor(op.outputs[0]);
  const Tensor& storage = g.storage(in.id);
  // Weights stay in flash; a view of a constant keeps its own buffer and its op emits a copy.
  if (in.is_const || storage.is_const) return false;
  // Variables persist across invokes and must never share memory.
  if (in.is_variable || storage.is_variable || out.is_variable || out.is_const) return false;
  // Already a view, or a graph input (the caller writes it, nothing produces it).
  if (out.alias_of >= 0 || g.is_graph_input(out.id) || out.id == storage.id) return false;
  // A view never reads past its input; a bigger output would need its own buffer.
  return out.bytes() <= in.bytes();
}

void AliasViews::run(Graph& g, const PassOptions&) {
  for (const Op& op : g.ops) {
    if (!op.def || !op.def->is_view() || !can_alias_view(g, op)) continue;
    const int in = op.inputs[0];
    Tensor& out = g.tensor(op.outputs[0]);
    // Point at the storage owner, not the input itself, so chains stay one level deep.
    out.alias_of = g.storage(in).id;
    out.alias_offset = offset_in_storage(g, in);
  }
}

}  // namespace tinyaot
