// tinyaot: ops that may run in place (see inplace_candidates.h).
#include "passes/inplace_candidates.h"

#include <algorithm>
#include <string_view>

#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "passes/lifetimes.h"
#include "passes/patch_stack.h"

namespace tinyaot {

namespace {

/// The window of a CONV_2D / DEPTHWISE_CONV_2D, or false when the op is not a plain batch-1 NHWC one.
bool conv_geometry(const Graph& g, const Op& op, WindowGeometry& w) {
  const auto* p = dynamic_cast<const ConvPrepared*>(op.prepared.get());
  if (!p || op.inputs.size() < 2 || op.outputs.size() != 1) return false;
  const Tensor& in = g.tensor(op.inputs[0]);
  const Tensor& f = g.tensor(op.inputs[1]);
  const Tensor& out = g.tensor(op.outputs[0]);
  if (in.shape.size() != 4 || out.shape.size() != 4 || f.shape.size() != 4) return false;
  if (in.shape[0] != 1 || out.shape[0] != 1 || in.type != out.type) return false;
  w.in_h = in.shape[1];
  w.in_w = in.shape[2];
  w.in_c = in.shape[3];
  w.out_h = out.shape[1];
  w.out_w = out.shape[2];
  w.out_c = out.shape[3];
  w.filter_h = f.shape[1];  // OHWI and 1HWO alike
  w.filter_w = f.shape[2];
  w.stride_h = p->stride_h;
  w.stride_w = p->stride_w;
  w.dilation_h = p->dilation_h;
  w.dilation_w = p->dilation_w;
  w.pad_h = p->pad_h;
  w.pad_w = p->pad_w;
  w.elem_bytes = static_cast<int32_t>(dtype_size(in.type));
  return w.out_h > 0 && w.out_w > 0 && w.out_c > 0;
}

}  // namespace

std::vector<InplaceCandidate> inplace_candidates(const Graph& g, double ring_cap_fraction) {
  // The last step at which each storage buffer is used, with the rules of the planner itself.
  std::vector<int> last(g.tensors.size(), -1), first(g.tensors.size(), -1);
  for (const ArenaBuffer& b : arena_buffers(g)) {
    if (b.kind != BufferKind::kTensor) continue;
    last[static_cast<std::size_t>(b.id)] = b.request.last;
    first[static_cast<std::size_t>(b.id)] = b.request.first;
  }
  std::vector<InplaceCandidate> out;
  for (std::size_t step = 0; step < g.ops.size(); ++step) {
    const Op& op = g.ops[step];
    const int s = static_cast<int>(step);
    if (!op.def || op.npu_partition >= 0 || op.outputs.size() != 1 || op.inputs.empty()) continue;
    const Tensor& o = g.tensor(op.outputs[0]);
    if (o.alias_of >= 0 || o.is_variable || o.is_const) continue;
    // An NCHW input (fuse-input-transpose) is read by its own kernel, which does not stream in place.
    if (op.inputs[0] >= 0 && g.tensor(op.inputs[0]).nchw) continue;
    // An input may be overwritten only if nothing needs it after this op.
    auto dies_here = [&](int id) {
      if (id < 0) return false;
      const Tensor& storage = g.storage(id);
      if (storage.is_const || storage.is_variable || storage.id == o.id) return false;
      const auto sid = static_cast<std::size_t>(storage.id);
      return last[sid] == s && first[sid] <= s;
    };
    const std::string_view type = op.def->name();
    auto add_stream = [&](int input, const StreamAccess& a) {
      InplaceCandidate c;
      c.step = s;
      c.input_index = 0;
      c.input = input;
      c.output = o.id;
      c.unit_bytes = a.unit_bytes;
      c.minimal = inplace_bounds(a, 1, true, true);
      const auto cap = static_cast<int64_t>(ring_cap_fraction * static_cast<double>(o.bytes()));
      const int64_t max_ring = std::max<int64_t>(1, cap / std::max<int64_t>(1, a.unit_bytes));
      c.zero_ring = zero_offset_ring(a, max_ring, true, true);
      if (c.zero_ring > 0) c.zero = inplace_bounds(a, c.zero_ring, true, true);
      out.push_back(c);
    };
    if (op.patch_last >= 0) {
      // A patch stack streams tiles from its first op's input to its last op's output (patch_stack.h).
      if (op.patch_last != s) continue;
      const int input = g.ops[static_cast<std::size_t>(op.patch_first)].inputs[0];
      const std::vector<StageGeometry> stages = stack_geometry(g, op.patch_first, s);
      if (stages.empty() || !dies_here(input)) continue;
      add_stream(input, patch_access(stages, tile_stack(stages, op.patch_rows)));
    } else if (type == "CONV_2D" || type == "DEPTHWISE_CONV_2D") {
      WindowGeometry w;
      if (!dies_here(op.inputs[0]) || !conv_geometry(g, op, w)) continue;
      add_stream(op.inputs[0], window_access(w));
    } else if (type == "ADD") {
      // Same-shape ADD only: add_elementwise reads element i of both inputs before writing element i.
      if (op.inputs.size() != 2 || op.inputs[0] < 0 || op.inputs[1] < 0) continue;
      const Tensor& x = g.tensor(op.inputs[0]);
      const Tensor& y = g.tensor(op.inputs[1]);
      if (x.shape != y.shape || x.shape != o.shape || x.type != o.type || y.type != o.type) continue;
      for (int i = 0; i < 2; ++i) {
        if (i == 1 && op.inputs[1] == op.inputs[0]) break;
        if (!dies_here(op.inputs[static_cast<std::size_t>(i)])) continue;
        InplaceCandidate c;
        c.step = s;
        c.input_index = i;
        c.input = op.inputs[static_cast<std::size_t>(i)];
        c.output = o.id;
        // delta <= 0: element k is written after it was read and never reads a lower element again.
        c.minimal.fwd_max = 0;
        c.zero_ring = 0;
        c.zero = c.minimal;
        out.push_back(c);
      }
    }
  }
  return out;
}

}  // namespace tinyaot
