// tinyaot targets: the NPU checks that apply to many operators: shapes, batch, types, quantization,
// weights, bias and fused activation (see npu_checks.h).
#include "targets/npu/npu_checks.h"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>

namespace tinyaot::npu {

namespace {

RuleResult fail(std::string reason) { return {false, std::move(reason)}; }

std::string tensor_label(const Tensor& t) { return fmt::format("tensor {} {}", t.id, describe(t)); }

/// Filter and bias input positions of the weighted ops (-1: none).
struct WeightSlots {
  int filter = -1, bias = -1, out_axis = 0;
};

WeightSlots weight_slots(const Op& op) {
  const std::string type = op.type();
  if (type == "CONV_2D" || type == "FULLY_CONNECTED") return {1, 2, 0};
  if (type == "DEPTHWISE_CONV_2D") return {1, 2, 3};
  if (type == "TRANSPOSE_CONV") return {1, 3, 0};
  return {};
}

int input_at(const Op& op, int slot) {
  return slot >= 0 && slot < static_cast<int>(op.inputs.size()) ? op.inputs[static_cast<std::size_t>(slot)] : -1;
}

}  // namespace

std::optional<std::string> attr(const Op& op, std::string_view key) {
  if (!op.attrs) return std::nullopt;
  const std::string text = " " + op.attrs->dump();
  const std::string needle = " " + std::string(key) + "=";
  const std::size_t at = text.find(needle);
  if (at == std::string::npos) return std::nullopt;
  const std::size_t start = at + needle.size();
  const std::size_t end = text.find(' ', start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::optional<std::pair<int, int>> attr_hw(const Op& op, std::string_view key) {
  const auto v = attr(op, key);
  if (!v) return std::nullopt;
  const std::size_t x = v->find('x');
  if (x == std::string::npos) return std::nullopt;
  return std::make_pair(std::atoi(v->substr(0, x).c_str()), std::atoi(v->substr(x + 1).c_str()));
}

std::vector<int> feature_maps(const Graph& g, const Op& op) {
  std::vector<int> ids;
  for (int id : op.inputs)
    if (id >= 0 && !g.tensor(id).is_const) ids.push_back(id);
  for (int id : op.outputs) ids.push_back(id);
  return ids;
}

RuleResult check_shape(const NpuConfig&, const Graph& g, const Op& op) {
  for (int id : feature_maps(g, op)) {
    const Tensor& t = g.tensor(id);
    if (t.shape.size() > 4) return fail(fmt::format("{} has rank {} > 4", tensor_label(t), t.shape.size()));
    for (int32_t d : t.shape)
      if (d < 1 || d > 65535) return fail(fmt::format("{} has a dimension outside 1..65535", tensor_label(t)));
  }
  return {};
}

RuleResult check_batch(const NpuConfig&, const Graph& g, const Op& op) {
  for (int id : feature_maps(g, op)) {
    const Tensor& t = g.tensor(id);
    if (t.shape.size() == 4 && t.shape[0] != 1)
      return fail(fmt::format("{} has batch {} (the NPU needs batch 1)", tensor_label(t), t.shape[0]));
  }
  return {};
}

RuleResult check_types(const NpuConfig&, const Graph& g, const Op& op) {
  const NpuOpRule* rule = find_npu_rule(op.type());
  const bool int32_ok = rule && (rule->checks & kChkInt32);
  const bool bool_ok = rule && (rule->checks & kChkBool);
  for (int id : feature_maps(g, op)) {
    const Tensor& t = g.tensor(id);
    const DType d = t.type;
    if (d == DType::kInt8 || d == DType::kUInt8 || d == DType::kInt16) continue;
    if (d == DType::kInt32 && int32_ok) continue;
    if (d == DType::kBool && bool_ok) continue;
    return fail(fmt::format("{} is {}; the NPU takes int8, uint8 or int16 feature maps{}", tensor_label(t),
                            dtype_name(d), int32_ok ? " (or int32 for this op)" : ""));
  }
  return {};
}

RuleResult check_quant(const NpuConfig&, const Graph& g, const Op& op) {
  for (int id : feature_maps(g, op)) {
    const Tensor& t = g.tensor(id);
    if (t.type != DType::kInt8 && t.type != DType::kUInt8 && t.type != DType::kInt16) continue;
    if (!t.quant.present()) return fail(fmt::format("{} has no quantization", tensor_label(t)));
    if (t.quant.per_channel())
      return fail(fmt::format("{} is quantized per channel (the NPU allows that on weights only)", tensor_label(t)));
  }
  return {};
}

RuleResult check_weights(const NpuConfig&, const Graph& g, const Op& op) {
  const WeightSlots s = weight_slots(op);
  const int fid = input_at(op, s.filter);
  if (fid < 0) return fail("the op has no weights input");
  const Tensor& w = g.tensor(fid);
  if (!w.is_const) return fail(fmt::format("weights {} are not constant", tensor_label(w)));
  if (w.type != DType::kInt8 && w.type != DType::kUInt8)
    return fail(fmt::format("weights {} are not 8-bit", tensor_label(w)));
  if (w.shape.empty()) return fail("weights have no shape");
  // Sum of |w - zero point| per output channel bounds the NPU accumulator for 8-bit inputs.
  const int axis = s.out_axis < static_cast<int>(w.shape.size()) ? s.out_axis : 0;
  const int64_t channels = w.shape[static_cast<std::size_t>(axis)];
  int64_t inner = 1;
  for (std::size_t k = static_cast<std::size_t>(axis) + 1; k < w.shape.size(); ++k) inner *= w.shape[k];
  const int in_id = op.type() == "TRANSPOSE_CONV" ? input_at(op, 2) : input_at(op, 0);
  const bool input_8bit = in_id >= 0 && dtype_size(g.tensor(in_id).type) == 1;
  if (!input_8bit || channels <= 0) return {};
  std::vector<int64_t> sums(static_cast<std::size_t>(channels), 0);
  const int64_t n = w.num_elements();
  for (int64_t i = 0; i < n; ++i) {
    const auto c = static_cast<std::size_t>((i / inner) % channels);
    const int64_t zp = w.quant.per_channel() && c < w.quant.zero_point.size() ? w.quant.zero_point[c] : w.quant.zp();
    const int64_t v = w.type == DType::kInt8 ? w.data_as<int8_t>()[i] : w.data_as<uint8_t>()[i];
    sums[c] += std::llabs(v - zp);
  }
  constexpr int64_t kLimit = int64_t{127} << 16;
  for (std::size_t c = 0; c < sums.size(); ++c)
    if (sums[c] > kLimit)
      return fail(fmt::format("weights of output channel {} sum to {} > 127 * 2^16", c, sums[c]));
  return {};
}

RuleResult check_bias(const NpuConfig& npu, const Graph& g, const Op& op) {
  const int bid = input_at(op, weight_slots(op).bias);
  if (bid < 0) return {};
  const Tensor& b = g.tensor(bid);
  if (!b.is_const) return fail(fmt::format("bias {} is not constant", tensor_label(b)));
  if (b.type != DType::kInt32 && b.type != DType::kInt64)
    return fail(fmt::format("bias {} is not int32 or int64", tensor_label(b)));
  int64_t elems_not_one = 0;
  for (int32_t d : b.shape) elems_not_one += d != 1;
  if (elems_not_one > 1) return fail(fmt::format("bias {} is not 1-D", tensor_label(b)));
  if (b.type == DType::kInt64) {
    const int64_t limit = int64_t{1} << (npu.family == NpuFamily::kU85 ? 48 : 40);
    for (int64_t i = 0; i < b.num_elements(); ++i) {
      int64_t v;
      std::memcpy(&v, b.data.data() + i * 8, 8);
      if (v >= limit || v <= -limit)
        return fail(fmt::format("int64 bias value {} is out of the NPU's range (|v| < 2^{})", v,
                                npu.family == NpuFamily::kU85 ? 48 : 40));
    }
  }
  return {};
}

RuleResult check_activation(const NpuConfig&, const Graph&, const Op& op) {
  const auto a = attr(op, "activation");
  if (!a) return {};
  // Op files print the schema name or its number (NONE 0, RELU 1, RELU_N1_TO_1 2, RELU6 3, TANH 4).
  for (const char* ok : {"NONE", "RELU", "RELU6", "RELU_N1_TO_1", "TANH", "0", "1", "2", "3", "4"})
    if (*a == ok) return {};
  return fail(fmt::format("fused activation {} is not one the NPU has", *a));
}

}  // namespace tinyaot::npu
