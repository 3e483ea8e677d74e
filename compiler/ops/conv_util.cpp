// tinyaot: shared compile-time pieces of the convolution-like ops (see conv_util.h).
#include "compiler/ops/conv_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <span>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/op_def.h"

namespace tinyaot {

Window1D conv_window(bool same_padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation) {
  Window1D w;
  if (stride <= 0 || dilation <= 0 || filter <= 0) return w;
  // In 64 bits: a hostile model's dilation or filter size would overflow int32. An absurd window or
  // padding leaves out = 0, which every caller refuses ("does not fit").
  const int64_t effective = int64_t{filter - 1} * dilation + 1;
  const int64_t out = same_padding ? (int64_t{in} + stride - 1) / stride : (int64_t{in} + stride - effective) / stride;
  const int64_t total = std::max<int64_t>((out - 1) * stride + effective - in, 0);
  // Realistic windows are far below 2^28; the bound keeps sums of in, pad and window (as later passes
  // compute them in int32) from overflowing.
  constexpr int64_t kMaxExtent = int64_t{1} << 28;
  if (out <= 0 || effective > kMaxExtent || total > kMaxExtent) return w;
  w.out = static_cast<int32_t>(out);
  w.pad = static_cast<int32_t>(total / 2);  // the odd pixel goes to the bottom / right
  return w;
}

ChannelMultipliers conv_multipliers(float input_scale, const std::vector<float>& filter_scales,
                                    float output_scale, int32_t channels) {
  ChannelMultipliers m;
  for (int32_t c = 0; c < channels; ++c) {
    const float fs = filter_scales.size() > 1 ? filter_scales[static_cast<std::size_t>(c)] : filter_scales[0];
    const double real = static_cast<double>(input_scale) * static_cast<double>(fs) /
                        static_cast<double>(output_scale);
    const QuantizedMultiplier q = quantize_multiplier(real);
    m.multiplier.push_back(q.multiplier);
    m.shift.push_back(q.shift);
  }
  return m;
}

ChannelMultipliers fc_per_tensor_multipliers(float input_scale, float filter_scale, float output_scale,
                                             int32_t channels) {
  // The product is a float product, widened afterwards (one LSB matters).
  const double product = static_cast<double>(input_scale * filter_scale);
  const QuantizedMultiplier q = quantize_multiplier(product / static_cast<double>(output_scale));
  ChannelMultipliers m;
  m.multiplier.assign(static_cast<std::size_t>(channels), q.multiplier);
  m.shift.assign(static_cast<std::size_t>(channels), q.shift);
  return m;
}

std::vector<int64_t> filter_sums(const Tensor& filter, int32_t channels, bool channel_last) {
  std::vector<int64_t> sums(static_cast<std::size_t>(channels), 0);
  const int8_t* w = filter.data_as<int8_t>();
  const int64_t n = filter.num_elements();
  const int64_t block = channels > 0 ? n / channels : 0;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t c = channel_last ? i % channels : i / block;
    sums[static_cast<std::size_t>(c)] += w[i];
  }
  return sums;
}

std::vector<int32_t> fold_bias(const Tensor* bias, const std::vector<int64_t>& sums, int32_t input_zero_point) {
  std::vector<int32_t> out(sums.size());
  for (std::size_t c = 0; c < sums.size(); ++c) {
    const int64_t b = bias ? bias->data_as<int32_t>()[c] : 0;
    // Modulo 2^32, like TFLite's int32 accumulator: the kernel's sum wraps the same way.
    out[c] = static_cast<int32_t>(static_cast<uint32_t>(b - int64_t{input_zero_point} * sums[c]));
  }
  return out;
}

void prepare_bias(ConvPrepared& p, const Graph& g, const Op& op, int bias_id, const std::vector<int64_t>& sums) {
  const Tensor* bias = bias_id >= 0 ? &g.tensor(bias_id) : nullptr;
  const Tensor& in = g.tensor(op.inputs[0]);
  p.act_type = in.type;
  if (in.type == DType::kInt8) {
    p.bias32 = fold_bias(bias, sums, in.quant.zp());
    bool all_zero = true;
    for (int32_t v : p.bias32) all_zero = all_zero && v == 0;
    p.bias_kind = all_zero ? ConvPrepared::BiasKind::kNone : ConvPrepared::BiasKind::kInt32;
    if (all_zero) p.bias32.clear();
  } else if (bias && bias->type == DType::kInt32) {
    p.bias_kind = ConvPrepared::BiasKind::kInt32;
    p.bias32.assign(bias->data_as<int32_t>(), bias->data_as<int32_t>() + bias->num_elements());
  } else if (bias) {
    p.bias_kind = ConvPrepared::BiasKind::kInt64;
    p.bias64.assign(bias->data_as<int64_t>(), bias->data_as<int64_t>() + bias->num_elements());
  }
}

Activation checked_activation(const Graph& g, const Op& op, int schema_value) {
  switch (schema_value) {
    case 0: return Activation::kNone;
    case 1: return Activation::kRelu;
    case 2: return Activation::kReluN1To1;
    case 3: return Activation::kRelu6;
    default:
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("fused activation {} is not supported; {} supports NONE, RELU, RELU6 and "
                           "RELU_N1_TO_1",
                           schema_value == 4 ? "TANH" : schema_value == 5 ? "SIGN_BIT" : "(unknown)", op.type()));
  }
}

std::string act_text(int schema_value) {
  if (schema_value < 0 || schema_value > 5) return fmt::format("ACT({})", schema_value);
  return activation_name(static_cast<Activation>(schema_value));
}

ActRange output_activation_range(const Graph& g, const Op& op, Activation act) {
  const Tensor& out = g.tensor(op.outputs[0]);
  const bool i16 = out.type == DType::kInt16;
  return activation_range(act, out.quant.s(), out.quant.zp(), i16 ? -32768 : -128, i16 ? 32767 : 127);
}

DType check_activations(const Graph& g, const Op& op) {
  const int in_id = op.inputs[0], out_id = op.outputs[0];
  const Tensor& in = g.tensor(in_id);
  if (in.type != DType::kInt8 && in.type != DType::kInt16)
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("input has type {}; {} supports int8 (and int16 with int8 weights) only",
                         dtype_name(in.type), op.type()),
             in_id);
  expect_type(g, op, out_id, in.type);
  for (int id : {in_id, out_id}) {
    expect_per_tensor_quant(g, op, id);
    if (in.type == DType::kInt16 && g.tensor(id).quant.zp() != 0)
      op_error(g, op, ErrorKind::kUnsupported, "int16 activations must have zero point 0", id);
  }
  if (!(g.tensor(out_id).quant.s() > 0.0f))
    op_error(g, op, ErrorKind::kInvalidModel, "output scale must be positive", out_id);
  return in.type;
}

void check_filter(const Graph& g, const Op& op, int filter_id, int32_t channels, int axis) {
  const Tensor& f = g.tensor(filter_id);
  if (f.type != DType::kInt8)
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("filter has type {}; {} supports int8 filters only (no float/hybrid, uint8 or int4)",
                         dtype_name(f.type), op.type()),
             filter_id);
  expect_const(g, op, filter_id);
  if (!f.quant.present())
    op_error(g, op, ErrorKind::kInvalidModel, "filter quantization parameters are missing", filter_id);
  for (int64_t zp : f.quant.zero_point)
    if (zp != 0)
      op_error(g, op, ErrorKind::kUnsupported, "filter zero points must be 0 (symmetric int8 weights)", filter_id);
  if (f.quant.per_channel()) {
    if (static_cast<int32_t>(f.quant.scale.size()) != channels)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("filter has {} scales, expected 1 or {} (one per output channel)", f.quant.scale.size(),
                           channels),
               filter_id);
    if (f.quant.axis != axis)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("filter is quantized along dimension {}, {} expects dimension {}", f.quant.axis,
                           op.type(), axis),
               filter_id);
  }
}

void check_bias(const Graph& g, const Op& op, int bias_id, int32_t channels, DType act_type,
                bool int16_allows_int32) {
  if (bias_id < 0) return;
  const Tensor& b = g.tensor(bias_id);
  if (act_type == DType::kInt8) {
    expect_type(g, op, bias_id, DType::kInt32);
  } else if (b.type != DType::kInt64 && !(int16_allows_int32 && b.type == DType::kInt32)) {
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("bias has type {}; int16 {} supports {} bias", dtype_name(b.type), op.type(),
                         int16_allows_int32 ? "int64 or int32" : "int64"),
             bias_id);
  }
  expect_const(g, op, bias_id);
  if (b.num_elements() != channels)
    op_error(g, op, ErrorKind::kInvalidModel,
             fmt::format("bias has {} elements, expected {} (one per output channel)", b.num_elements(), channels),
             bias_id);
}

void expect_shape(const Graph& g, const Op& op, int tensor_id, const Shape& want) {
  const Tensor& t = g.tensor(tensor_id);
  if (t.shape != want)
    op_error(g, op, ErrorKind::kInvalidModel,
             fmt::format("has shape [{}], expected [{}] from the other tensors and the options",
                         fmt::join(t.shape, ", "), fmt::join(want, ", ")),
             tensor_id);
}

int optional_bias(const Op& op) { return op.inputs.size() >= 3 ? op.inputs[2] : -1; }

void emit_conv_call(EmitContext& e, const Op& op, std::string_view kernel, const std::string& params,
                    const ConvPrepared& p) {
  e.code(conv_call_text(e, e.op_prefix(), kernel, params, p, e.ptr(op.inputs[0]), e.ptr(op.inputs[1]),
                        e.ptr(op.outputs[0])));
}

std::string conv_call_text(EmitContext& e, const std::string& prefix, std::string_view kernel,
                           const std::string& params, const ConvPrepared& p, const std::string& in,
                           const std::string& filter, const std::string& out) {
  const std::string mult = e.const_array(prefix + "_multiplier", std::span<const int32_t>(p.mult.multiplier));
  const std::string shift = e.const_array(prefix + "_shift", std::span<const int32_t>(p.mult.shift));
  std::string bias;
  switch (p.bias_kind) {
    case ConvPrepared::BiasKind::kNone:
      // int16 kernels without bias take TFLite's 64-bit accumulator path.
      bias = p.act_type == DType::kInt16 ? "static_cast<const int64_t*>(nullptr)"
                                         : "static_cast<const int32_t*>(nullptr)";
      break;
    case ConvPrepared::BiasKind::kInt32:
      bias = e.const_array(prefix + "_bias", std::span<const int32_t>(p.bias32));
      break;
    case ConvPrepared::BiasKind::kInt64:
      bias = e.const_array(prefix + "_bias", std::span<const int64_t>(p.bias64));
      break;
  }
  // The target's DSP/Helium variant if it has one (same signature), else the reference kernel.
  const std::string fn = e.kernel(fmt::format("{}_{}", kernel, kernel_suffix(p.act_type)));
  return fmt::format(R"(tinyaot_rt::{fn}({params},
    /*input=*/{in},
    /*filter=*/{filter},
    /*bias=*/{bias},
    /*multiplier=*/{mult}, /*shift=*/{shift},
    /*output=*/{out});)",
                     fmt::arg("fn", fn), fmt::arg("params", params), fmt::arg("in", in), fmt::arg("filter", filter),
                     fmt::arg("bias", bias), fmt::arg("mult", mult), fmt::arg("shift", shift),
                     fmt::arg("out", out));
}

std::string_view kernel_suffix(DType act_type) { return act_type == DType::kInt16 ? "s16" : "s8"; }

}  // namespace tinyaot
