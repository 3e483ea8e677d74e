// tinyaot targets: the NPU checks of single operator kinds: strides, kernels, pooling, MEAN, SOFTMAX,
// ARG_MAX, MAXIMUM/MINIMUM, TRANSPOSE_CONV and GATHER (see npu_checks.h).
#include <fmt/format.h>

#include <cstring>

#include "targets/npu/npu_checks.h"

namespace tinyaot::npu {

namespace {

RuleResult fail(std::string reason) { return {false, std::move(reason)}; }

std::pair<int, int> hw_or(const Op& op, std::string_view key, int dflt) {
  return attr_hw(op, key).value_or(std::make_pair(dflt, dflt));
}

/// Values of a constant int32/int64 tensor (axes); empty when not constant.
std::vector<int64_t> const_ints(const Graph& g, int id) {
  std::vector<int64_t> v;
  if (id < 0 || !g.tensor(id).is_const) return v;
  const Tensor& t = g.tensor(id);
  for (int64_t i = 0; i < t.num_elements(); ++i) {
    if (t.type == DType::kInt32) v.push_back(t.data_as<int32_t>()[i]);
    else if (t.type == DType::kInt64) v.push_back(t.data_as<int64_t>()[i]);
  }
  return v;
}

int input_or(const Op& op, std::size_t k) { return k < op.inputs.size() ? op.inputs[k] : -1; }

}  // namespace

RuleResult check_conv_stride(const NpuConfig& npu, const Graph&, const Op& op) {
  const auto [sh, sw] = hw_or(op, "stride", 1);
  if (sh <= 3 && sw <= 3) return {};
  if (npu.family == NpuFamily::kU85) return {};  // U85 decomposes large strides
  const auto [dh, dw] = hw_or(op, "dilation", 1);
  if (attr(op, "padding") != "VALID" || dh != 1 || dw != 1)
    return fail(fmt::format("stride {}x{} > 3 needs VALID padding and dilation 1", sh, sw));
  return {};
}

RuleResult check_dw_stride(const NpuConfig&, const Graph&, const Op& op) {
  const auto [sh, sw] = hw_or(op, "stride", 1);
  if (sh < 1 || sh > 3 || sw < 1 || sw > 3) return fail(fmt::format("stride {}x{} is outside 1..3", sh, sw));
  return {};
}

RuleResult check_kernel(const NpuConfig&, const Graph& g, const Op& op) {
  const int fid = input_or(op, 1);
  if (fid < 0 || g.tensor(fid).shape.size() != 4) return fail("the filter is not 4-D");
  const Shape& f = g.tensor(fid).shape;  // CONV OHWI, DEPTHWISE 1HWO: H and W at 1 and 2
  const auto [dh, dw] = hw_or(op, "dilation", 1);
  const int64_t kh = int64_t{f[1] - 1} * dh + 1, kw = int64_t{f[2] - 1} * dw + 1;
  if (kh > 64) return fail(fmt::format("dilated kernel height {} > 64", kh));
  if (kh * kw > 4096) return fail(fmt::format("dilated kernel area {}x{} > 4096", kh, kw));
  return {};
}

RuleResult check_avg_pool(const NpuConfig&, const Graph&, const Op& op) {
  const auto [kh, kw] = hw_or(op, "filter", 1);
  if (attr(op, "padding") == "SAME") {
    if (kh > 8 || kw > 8) return fail(fmt::format("SAME padding with a {}x{} filter (the NPU needs <= 8x8)", kh, kw));
    return {};
  }
  if (kh > 256) return fail(fmt::format("filter height {} > 256", kh));
  if (int64_t{kh} * kw > 65536) return fail(fmt::format("filter area {}x{} > 65536", kh, kw));
  return {};
}

RuleResult check_max_pool(const NpuConfig&, const Graph&, const Op& op) {
  const auto [kh, kw] = hw_or(op, "filter", 1);
  if (kh > 256) return fail(fmt::format("filter height {} > 256", kh));
  if (int64_t{kh} * kw > 65536) return fail(fmt::format("filter area {}x{} > 65536", kh, kw));
  return {};
}

RuleResult check_mean(const NpuConfig&, const Graph& g, const Op& op) {
  const Tensor& in = g.tensor(op.inputs[0]);
  const std::vector<int64_t> axes = const_ints(g, input_or(op, 1));
  if (axes.empty()) return fail("the axes are not constant");
  const int64_t rank = static_cast<int64_t>(in.shape.size());
  if (rank >= 1 && in.shape[0] != 1) return fail(fmt::format("batch {} (the NPU needs batch 1)", in.shape[0]));
  int64_t reduced = 1;
  for (int64_t a : axes) {
    const int64_t axis = a < 0 ? a + rank : a;
    if (axis < 0 || axis >= rank) return fail(fmt::format("axis {} is out of range", a));
    const int32_t size = in.shape[static_cast<std::size_t>(axis)];
    if (size >= 4096) return fail(fmt::format("reduced axis {} has size {} >= 4096", axis, size));
    reduced *= size;
  }
  const int64_t limit = in.type == DType::kInt16 ? int64_t{1} << 16 : int64_t{1} << 24;
  if (reduced > limit) return fail(fmt::format("{} reduced elements > {}", reduced, limit));
  return {};
}

RuleResult check_softmax(const NpuConfig&, const Graph& g, const Op& op) {
  const Shape& s = g.tensor(op.inputs[0]).shape;
  int64_t hw = 1;
  for (std::size_t k = 1; k + 1 < s.size(); ++k) hw *= s[k];  // the dimensions between batch and depth
  if (hw >= 65536) return fail(fmt::format("H*W = {} >= 65536", hw));
  return {};
}

RuleResult check_arg_max(const NpuConfig&, const Graph& g, const Op& op) {
  const Shape& s = g.tensor(op.inputs[0]).shape;
  const std::vector<int64_t> axis = const_ints(g, input_or(op, 1));
  const int64_t rank = static_cast<int64_t>(s.size());
  if (axis.size() != 1) return fail("the axis is not one constant");
  const int64_t a = axis[0] < 0 ? axis[0] + rank : axis[0];
  if (a != rank - 1) return fail(fmt::format("axis {} is not the last axis", axis[0]));
  if (rank > 0 && s.back() > 127) return fail(fmt::format("depth {} > 127", s.back()));
  return {};
}

RuleResult check_same_quant(const NpuConfig&, const Graph& g, const Op& op) {
  const Tensor& out = g.tensor(op.outputs[0]);
  for (int id : op.inputs) {
    if (id < 0) continue;
    const Tensor& t = g.tensor(id);
    if (t.quant.s() != out.quant.s() || t.quant.zp() != out.quant.zp())
      return fail(fmt::format("tensor {} and the output have different quantization", id));
  }
  return {};
}

RuleResult check_transpose_conv(const NpuConfig&, const Graph& g, const Op& op) {
  const int in_id = input_or(op, 2), f_id = input_or(op, 1);
  if (in_id < 0 || f_id < 0 || g.tensor(in_id).shape.size() != 4 || g.tensor(f_id).shape.size() != 4)
    return fail("input and filter must be 4-D");
  const Shape& in = g.tensor(in_id).shape;
  const Shape& f = g.tensor(f_id).shape;
  const Shape& out = g.tensor(op.outputs[0]).shape;
  const auto [sh, sw] = hw_or(op, "stride", 1);
  const bool ok_stride = (sh == 1 && sw == 1) || (sh == 2 && sw == 2) || (sh == 2 && sw == 1 && in[2] == 1) ||
                         (sh == 1 && sw == 2 && in[1] == 1);
  if (!ok_stride) return fail(fmt::format("stride {}x{} (the NPU takes 1x1 or 2x2)", sh, sw));
  const bool same = attr(op, "padding") != std::optional<std::string>("VALID");
  const auto expect = [&](int32_t i, int32_t k, int s) {
    return same ? int64_t{i} * s : int64_t{i} * s + std::max(k - s, 0);
  };
  if (out.size() != 4 || out[1] != expect(in[1], f[1], sh) || out[2] != expect(in[2], f[2], sw))
    return fail("the output size is not the NPU's input * stride (SAME) or input * stride + (k - stride) (VALID)");
  return {};
}

RuleResult check_gather(const NpuConfig&, const Graph& g, const Op& op) {
  const auto axis = attr(op, "axis");
  const auto batch_dims = attr(op, "batch_dims");
  const int64_t rank = static_cast<int64_t>(g.tensor(op.inputs[0]).shape.size());
  int64_t a = axis ? std::atoll(axis->c_str()) : 0;
  if (a < 0) a += rank;
  const int64_t b = batch_dims ? std::atoll(batch_dims->c_str()) : 0;
  if (a != b) return fail(fmt::format("axis {} differs from batch_dims {}", a, b));
  return {};
}

}  // namespace tinyaot::npu
