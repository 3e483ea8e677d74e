// tinyaot: pass fuse-pad (see fuse_pad.h).
#include "passes/fuse_pad.h"

#include <climits>
#include <cstdint>
#include <memory>
#include <string_view>

#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"

namespace tinyaot {

namespace {

struct Paddings {
  int64_t top = 0, bottom = 0, left = 0, right = 0;
};

/// The spatial paddings of a rank-4 PAD, or false when it pads the batch or channels (or is not constant).
bool spatial_paddings(const Graph& g, const Op& pad, Paddings& p) {
  if (pad.inputs.size() < 2 || pad.inputs[1] < 0) return false;
  const Tensor& t = g.tensor(pad.inputs[1]);
  if (!t.is_const || t.num_elements() != 8 || (t.type != DType::kInt32 && t.type != DType::kInt64)) return false;
  auto at = [&](int k) {
    return t.type == DType::kInt64 ? t.data_as<int64_t>()[k] : static_cast<int64_t>(t.data_as<int32_t>()[k]);
  };
  if (at(0) != 0 || at(1) != 0 || at(6) != 0 || at(7) != 0) return false;
  p = {at(2), at(3), at(4), at(5)};
  return p.top >= 0 && p.bottom >= 0 && p.left >= 0 && p.right >= 0 && p.top < INT32_MAX / 4 && p.left < INT32_MAX / 4;
}

/// The value the PAD writes: PADV2's constant, or the output zero point.
bool pad_value(const Graph& g, const Op& pad, int64_t& v) {
  const Tensor& out = g.tensor(pad.outputs[0]);
  v = out.quant.zp();
  if (pad.inputs.size() < 3 || pad.inputs[2] < 0) return true;
  const Tensor& c = g.tensor(pad.inputs[2]);
  if (!c.is_const || c.num_elements() != 1) return false;
  if (c.type == DType::kInt8) v = c.data_as<int8_t>()[0];
  else if (c.type == DType::kInt16) v = c.data_as<int16_t>()[0];
  else return false;
  return true;
}

bool is_conv(const Op& op) {
  if (!op.def) return false;
  const std::string_view n = op.def->name();
  return (n == "CONV_2D" || n == "DEPTHWISE_CONV_2D") && dynamic_cast<const ConvPrepared*>(op.prepared.get());
}

}  // namespace

bool can_fuse_pad(const Graph& g, std::size_t pad_step) {
  const Op& pad = g.ops[pad_step];
  if (!pad.def || (pad.def->name() != "PAD" && pad.def->name() != "PADV2") || pad.outputs.size() != 1 ||
      pad.inputs.empty() || pad.inputs[0] < 0 || pad.npu_partition >= 0)
    return false;
  const Tensor& in = g.tensor(pad.inputs[0]);
  const Tensor& out = g.tensor(pad.outputs[0]);
  if (in.is_const || out.is_variable || in.shape.size() != 4 || out.shape.size() != 4) return false;
  if (in.type != out.type || (in.type != DType::kInt8 && in.type != DType::kInt16)) return false;
  if (in.quant.per_channel() || out.quant.per_channel() || in.quant.zp() != out.quant.zp() ||
      in.quant.s() != out.quant.s())
    return false;
  Paddings p;
  int64_t value = 0;
  if (!spatial_paddings(g, pad, p) || !pad_value(g, pad, value) || value != out.quant.zp()) return false;
  if (g.is_graph_output(out.id)) return false;
  for (const Tensor& t : g.tensors)
    if (t.alias_of == out.id) return false;
  // Every reader must be a convolution reading it as its input (and nothing else).
  int readers = 0;
  for (std::size_t s = 0; s < g.ops.size(); ++s) {
    const Op& op = g.ops[s];
    for (std::size_t k = 0; k < op.inputs.size(); ++k) {
      if (op.inputs[k] != out.id) continue;
      if (k != 0 || s <= pad_step || !is_conv(op) || op.npu_partition >= 0) return false;
      ++readers;
    }
  }
  return readers > 0;
}

void FusePad::run(Graph& g, const PassOptions& opts) {
  if (!opts.npu.empty()) return;  // the NPU partitioner sees the model's own ops
  for (std::size_t s = 0; s < g.ops.size();) {
    if (!can_fuse_pad(g, s)) {
      ++s;
      continue;
    }
    const Op& pad = g.ops[s];
    Paddings p;
    spatial_paddings(g, pad, p);
    const int in = pad.inputs[0], out = pad.outputs[0];
    for (Op& op : g.ops) {
      if (op.inputs.empty() || op.inputs[0] != out) continue;
      auto fused = std::make_shared<ConvPrepared>(op.prepared_as<ConvPrepared>());
      fused->pad_h += static_cast<int32_t>(p.top);
      fused->pad_w += static_cast<int32_t>(p.left);
      op.prepared = std::move(fused);
      op.inputs[0] = in;
    }
    g.ops.erase(g.ops.begin() + static_cast<std::ptrdiff_t>(s));
  }
}

}  // namespace tinyaot
