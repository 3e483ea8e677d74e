// tinyaot: pass fuse-input-transpose (see fuse_input_transpose.h).
#include "passes/fuse_input_transpose.h"

#include "compiler/ops/op_def.h"
#include "passes/plan_memory.h"

namespace tinyaot {

namespace {

/// The constant permutation of a TRANSPOSE, or empty when it is not a constant int32/int64 vector.
std::vector<int64_t> permutation(const Graph& g, const Op& op) {
  if (op.inputs.size() < 2 || op.inputs[1] < 0) return {};
  const Tensor& t = g.tensor(op.inputs[1]);
  if (!t.is_const || t.data.size() != t.bytes()) return {};
  std::vector<int64_t> perm;
  for (int64_t i = 0; i < t.num_elements(); ++i) {
    if (t.type == DType::kInt32) perm.push_back(t.data_as<int32_t>()[i]);
    else if (t.type == DType::kInt64) perm.push_back(t.data_as<int64_t>()[i]);
    else return {};
  }
  return perm;
}

/// Marks the TRANSPOSE at `step` fused and its output a view of the input (NCHW unless both layouts are
/// the same bytes: one channel or one pixel, where the usual kernels read it).
void fuse(Graph& g, std::size_t step) {
  Op& op = g.ops[step];
  Tensor& out = g.tensor(op.outputs[0]);
  const Shape& s = out.shape;
  out.alias_of = op.inputs[0];  // same bytes, other order: no buffer of its own
  out.alias_offset = 0;
  out.nchw = !(s[3] == 1 || s[1] * s[2] == 1);
  op.fused = true;
}

}  // namespace

bool can_fuse_input_transpose(const Graph& g, std::size_t step) {
  const Op& op = g.ops[step];
  if (!op.def || op.def->name() != "TRANSPOSE" || op.npu_partition >= 0 || op.outputs.size() != 1) return false;
  if (op.inputs.empty() || op.inputs[0] < 0) return false;
  if (permutation(g, op) != std::vector<int64_t>{0, 2, 3, 1}) return false;
  const Tensor& in = g.tensor(op.inputs[0]);
  const Tensor& out = g.tensor(op.outputs[0]);
  // The caller writes the NCHW input; nothing else may have touched its storage.
  if (!g.is_graph_input(in.id) || in.alias_of >= 0 || in.is_variable || in.type != DType::kInt8) return false;
  if (g.is_graph_output(out.id) || out.alias_of >= 0 || out.is_variable) return false;
  // Exactly one reader: a CONV_2D on the CPU taking it as input 0 (and nowhere else). Any other reader
  // would need the NHWC bytes.
  const Op* reader = nullptr;
  for (const Op& o : g.ops)
    for (std::size_t k = 0; k < o.inputs.size(); ++k) {
      if (o.inputs[k] != out.id && o.inputs[k] != in.id) continue;
      if (&o == &op) continue;
      if (o.inputs[k] == in.id || k != 0 || reader) return false;  // the input is read elsewhere too
      reader = &o;
    }
  return reader && reader->def && reader->def->name() == "CONV_2D" && reader->npu_partition < 0 &&
         reader->patch_last < 0 &&
         g.tensor(reader->outputs[0]).type == DType::kInt8;
}

void FuseInputTranspose::run(Graph& g, const PassOptions& opts) {
  // Memory pools are planned without in-place execution; keep their plans simple.
  if (!opts.fuse_input_transpose || !g.pools.empty()) return;
  std::size_t best = 0;
  bool planned = false;
  for (std::size_t step = 0; step < g.ops.size(); ++step) {
    if (!can_fuse_input_transpose(g, step)) continue;
    // The fusion saves the transposed copy, but the NCHW kernel neither runs in place nor in a patch
    // stack, which the unfused convolution may (mobilenet_v2_224: 551,936 B fused vs 535,200 B not). So
    // plan both ways exactly as plan-memory will, and keep the fusion only when it is not larger.
    if (!planned) {
      Graph base = g;
      PlanMemory().run(base, opts);
      best = base.arena_size;
      planned = true;
    }
    Graph trial = g;
    fuse(trial, step);
    PlanMemory().run(trial, opts);
    if (trial.arena_size > best) continue;
    best = trial.arena_size;
    fuse(g, step);
  }
}

}  // namespace tinyaot
