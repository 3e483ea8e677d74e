// tinyaot: pass place-concat (see place_concat.h).
#include "passes/place_concat.h"

#include <algorithm>

#include "compiler/ops/op_def.h"
#include "passes/lifetimes.h"
#include "passes/memory_planner.h"

namespace tinyaot {

namespace {

/// Producing op (step) of every tensor, -1 for graph inputs and constants.
std::vector<int> producers(const Graph& g) {
  std::vector<int> p(g.tensors.size(), -1);
  for (std::size_t s = 0; s < g.ops.size(); ++s)
    for (int id : g.ops[s].outputs)
      if (id >= 0) p[static_cast<std::size_t>(id)] = static_cast<int>(s);
  return p;
}

/// The classic lower bound of the arena (largest sum of live buffers at one step).
std::size_t bound(const Graph& g, std::size_t alignment) {
  std::vector<BufferRequest> r;
  for (const ArenaBuffer& b : arena_buffers(g)) r.push_back(b.request);
  return live_bound(r, alignment);
}

/// True when `id` may be moved into another tensor's storage.
bool movable_input(const Graph& g, int id) {
  if (id < 0) return false;
  const Tensor& t = g.tensor(id);
  // Weights stay in flash; state keeps its own buffer; a tensor that already lives in another storage
  // (a view, or an input of an earlier placed concatenation) cannot be in two places.
  if (t.is_const || t.is_variable || t.alias_of >= 0) return false;
  // The caller reads a graph output through output(); keep its buffer its own. (A graph input is fine:
  // the caller writes it straight into the slice through input().)
  return !g.is_graph_output(id) && t.bytes() > 0;
}

}  // namespace

std::vector<std::size_t> concat_placement(const Graph& g, const Op& op) {
  if (!op.def || op.outputs.size() != 1 || op.inputs.empty() || op.npu_partition >= 0) return {};
  const int axis = op.def->placement_axis(g, op);
  if (axis < 0) return {};
  const Tensor& out = g.tensor(op.outputs[0]);
  if (out.is_const || out.is_variable || out.alias_of >= 0 || g.is_graph_input(out.id)) return {};
  // Contiguous slices only: with a dimension > 1 before the axis each input would be strided.
  for (int d = 0; d < axis; ++d)
    if (out.shape[static_cast<std::size_t>(d)] != 1) return {};
  const std::vector<int> producer = producers(g);
  std::vector<std::size_t> offsets;
  std::size_t at = 0;
  for (std::size_t k = 0; k < op.inputs.size(); ++k) {
    const int id = op.inputs[k];
    if (!movable_input(g, id)) return {};
    if (std::count(op.inputs.begin(), op.inputs.end(), id) != 1) return {};  // one tensor, two slices
    // Views of `id` follow it into the slice. Its producer must run on the CPU, whose kernels write at
    // the planned offsets.
    const int p = producer[static_cast<std::size_t>(id)];
    if (p >= 0 && g.ops[static_cast<std::size_t>(p)].npu_partition >= 0) return {};
    // Same element type and quantization (CONCATENATION's check guarantees it; a requantizing variant
    // could not be placed).
    const Tensor& in = g.tensor(id);
    if (in.type != out.type || in.quant.scale != out.quant.scale || in.quant.zero_point != out.quant.zero_point)
      return {};
    offsets.push_back(at);
    at += in.bytes();
  }
  if (at != out.bytes()) return {};
  return offsets;
}

void PlaceConcat::run(Graph& g, const PassOptions& opts) {
  for (Op& op : g.ops) {
    const std::vector<std::size_t> offsets = concat_placement(g, op);
    if (offsets.empty()) continue;
    // Placing saves the copy and the inputs' buffers, but the output's buffer then lives from the first
    // input's producer on: with a deep branch between two inputs that can raise the peak. Keep the
    // placement only when the arena bound does not grow.
    const std::size_t before = bound(g, opts.alignment);
    for (std::size_t k = 0; k < op.inputs.size(); ++k) {
      Tensor& in = g.tensor(op.inputs[k]);
      in.alias_of = op.outputs[0];
      in.alias_offset = offsets[k];
    }
    if (bound(g, opts.alignment) > before) {
      for (int id : op.inputs) g.tensor(id).alias_of = -1, g.tensor(id).alias_offset = 0;
      continue;
    }
    op.placed = true;
  }
}

}  // namespace tinyaot
