// tinyaot: what CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED share at compile time: TFLite's window /
// padding arithmetic, per-channel multipliers, zero-point folding into the bias, the common type and
// quantization checks, and the emission of the per-channel arrays.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/quant/quant_math.h"

namespace tinyaot {

class EmitContext;
class OpDef;

/// Output size and leading (top/left) padding of one spatial dimension, as TFLite's ComputeOutSize and
/// ComputePaddingWithOffset compute them (SAME: ceil(in / stride); VALID: windows fully inside).
struct Window1D {
  int32_t out = 0;
  int32_t pad = 0;
};
Window1D conv_window(bool same_padding, int32_t in, int32_t filter, int32_t stride, int32_t dilation);

/// Per-output-channel requantization: Q31 multiplier and shift (TFLite's convention: shift > 0 is left).
struct ChannelMultipliers {
  std::vector<int32_t> multiplier;
  std::vector<int32_t> shift;
};
/// TFLite PopulateConvolutionQuantizationParams: double(in) * double(filter[c]) / double(out) for each of
/// `channels` channels; a single filter scale is broadcast (per-tensor goes through the same path).
ChannelMultipliers conv_multipliers(float input_scale, const std::vector<float>& filter_scales,
                                    float output_scale, int32_t channels);
/// TFLite GetQuantizedConvolutionMultipler (per-tensor FULLY_CONNECTED): the scale product is taken in
/// float, then divided in double. Broadcast to `channels` entries so kernels index per channel.
ChannelMultipliers fc_per_tensor_multipliers(float input_scale, float filter_scale, float output_scale,
                                             int32_t channels);

/// Sum of the filter weights of each output channel: channels outermost (OHWI / OI layouts) or, with
/// `channel_last`, innermost (1HWO depthwise layout).
std::vector<int64_t> filter_sums(const Tensor& filter, int32_t channels, bool channel_last);

/// bias'[c] = bias[c] - in_zp * sum_w[c], computed in int64 and wrapped to int32 like TFLite's int32
/// accumulator. `bias` may be null (absent).
std::vector<int32_t> fold_bias(const Tensor* bias, const std::vector<int64_t>& sums, int32_t input_zero_point);

/// What a convolution-like op computes at compile time.
struct ConvPrepared : Prepared {
  DType act_type = DType::kInt8;
  int32_t pad_h = 0, pad_w = 0;
  /// Window steps, kept for passes that reason about what each output pixel reads (in-place planning).
  int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  ActRange act;
  ChannelMultipliers mult;
  /// Kernel bias: folded int32 (int8 ops; int16 ops with an int32 bias), int64 (int16 ops), or none.
  enum class BiasKind { kNone, kInt32, kInt64 } bias_kind = BiasKind::kNone;
  std::vector<int32_t> bias32;
  std::vector<int64_t> bias64;
};

/// Fills the bias fields of `p`. int8: folds in_zp into an int32 bias (dropped when it is all zero);
/// int16 (zero points 0): the model's bias as is, int64 or int32, or none.
void prepare_bias(ConvPrepared& p, const Graph& g, const Op& op, int bias_id,
                  const std::vector<int64_t>& sums);

/// The fused activation of the schema as our enum; TANH / SIGN_BIT are refused (TFLite Micro silently
/// ignores them in these kernels, which would not be what the model means).
Activation checked_activation(const Graph& g, const Op& op, int schema_value);
/// Name of a schema activation value for IR dumps ("RELU6"; "ACT(n)" when out of range).
std::string act_text(int schema_value);
/// Activation range of the op's output (int8: [-128, 127], int16: [-32768, 32767] before the activation).
ActRange output_activation_range(const Graph& g, const Op& op, Activation act);

/// Checks shared by the three ops. Input 0 / output 0: int8 or int16 (same type), per-tensor quantized,
/// int16 with zero point 0. Returns the activation type.
DType check_activations(const Graph& g, const Op& op);
/// Filter: constant int8, quantized with all zero points 0, one scale or one per channel along `axis`.
void check_filter(const Graph& g, const Op& op, int filter_id, int32_t channels, int axis);
/// Bias (if present): constant, `channels` elements, int32 for int8 ops, int64 for int16 ops (or int32
/// where TFLite has a 32-bit accumulator path: `int16_allows_int32`).
void check_bias(const Graph& g, const Op& op, int bias_id, int32_t channels, DType act_type,
                bool int16_allows_int32);
/// Throws unless the tensor has exactly this shape.
void expect_shape(const Graph& g, const Op& op, int tensor_id, const Shape& want);
/// Input index 2 if present and not omitted, else -1.
int optional_bias(const Op& op);

/// Emits the per-channel arrays of `p` (bias or a typed null, multipliers, shifts) and the call
/// `tinyaot_rt::<kernel>_s8|s16(<params>, input, filter, bias, multiplier, shift, output)`.
void emit_conv_call(EmitContext& e, const Op& op, std::string_view kernel, const std::string& params,
                    const ConvPrepared& p);

/// The text of that call for the given pointer expressions; `prefix` names the arrays (patch stacks call
/// each stage's kernel on tile buffers, compiler/ops/patch_emit.h).
std::string conv_call_text(EmitContext& e, const std::string& prefix, std::string_view kernel,
                           const std::string& params, const ConvPrepared& p, const std::string& in,
                           const std::string& filter, const std::string& out);

/// "int8" kernels are suffixed _s8, int16x8 ones _s16.
std::string_view kernel_suffix(DType act_type);

}  // namespace tinyaot
