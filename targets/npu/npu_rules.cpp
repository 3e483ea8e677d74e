// tinyaot targets: the NPU rule table and npu_supports() (see npu_rules.h).
#include "targets/npu/npu_rules.h"

#include <fmt/format.h>

#include <array>

#include "targets/npu/npu_checks.h"

namespace tinyaot {

namespace {

using namespace npu;

// Every op gets the feature-map checks; batch 1 except for the ops the facts exempt.
constexpr uint32_t kFm = kChkShape | kChkTypes | kChkQuant;
constexpr uint32_t kB = kFm | kChkBatch;
constexpr uint32_t kW = kChkWeights | kChkBias | kChkActivation;

// Vela 5.1's TFLite operator set (U55/U65, and what U85 adds), in name order.
constexpr std::array<NpuOpRule, 71> kRules = {{
    {"ABS", kFamAll, kB},
    {"ADD", kFamAll, kB | kChkInt32 | kChkActivation},
    {"ARG_MAX", kFamAll, kB | kChkInt32 | kChkArgMax},
    {"AVERAGE_POOL_2D", kFamAll, kB | kChkConvStride | kChkAvgPool | kChkActivation},
    {"BATCH_MATMUL", kFamAll, kB},
    {"CAST", kFamU85, kB | kChkInt32 | kChkBool},
    {"CONCATENATION", kFamAll, kB | kChkActivation},
    {"CONV_2D", kFamAll, kB | kW | kChkConvStride | kChkKernel},
    {"DEPTHWISE_CONV_2D", kFamAll, kB | kW | kChkDwStride | kChkKernel},
    {"DIV", kFamU85, kB | kChkActivation},
    {"EQUAL", kFamU85, kB | kChkBool},
    {"EXP", kFamAll, kB},
    {"EXPAND_DIMS", kFamAll, kB},
    {"FULLY_CONNECTED", kFamAll, kFm | kW},
    {"GATHER", kFamU85, kB | kChkInt32 | kChkGather},
    {"GELU", kFamAll, kB},
    {"GREATER", kFamU85, kB | kChkBool},
    {"GREATER_EQUAL", kFamU85, kB | kChkBool},
    {"HARD_SWISH", kFamAll, kB},
    {"LEAKY_RELU", kFamAll, kB},
    {"LESS", kFamU85, kB | kChkBool},
    {"LESS_EQUAL", kFamU85, kB | kChkBool},
    {"LOG", kFamAll, kB},
    {"LOGICAL_AND", kFamU85, kB | kChkBool},
    {"LOGICAL_NOT", kFamU85, kB | kChkBool},
    {"LOGICAL_OR", kFamU85, kB | kChkBool},
    {"LOGISTIC", kFamAll, kB},
    {"MAXIMUM", kFamAll, kB | kChkSameQuant},
    {"MAX_POOL_2D", kFamAll, kB | kChkConvStride | kChkMaxPool | kChkActivation},
    {"MEAN", kFamAll, kB | kChkMean},
    {"MINIMUM", kFamAll, kB | kChkSameQuant},
    {"MIRROR_PAD", kFamAll, kB | kChkInt32},
    {"MUL", kFamAll, kB | kChkInt32 | kChkActivation},
    {"NEG", kFamAll, kB},
    {"NOT_EQUAL", kFamU85, kB | kChkBool},
    {"PACK", kFamAll, kB},
    {"PAD", kFamAll, kB},
    {"PADV2", kFamAll, kB},
    {"PRELU", kFamAll, kB},
    {"QUANTIZE", kFamAll, kB},
    {"REDUCE_ALL", kFamU85, kB | kChkBool},
    {"REDUCE_ANY", kFamU85, kB | kChkBool},
    {"REDUCE_MAX", kFamAll, kB},
    {"REDUCE_MIN", kFamAll, kB},
    {"RELU", kFamAll, kB},
    {"RELU6", kFamAll, kB},
    {"RELU_0_TO_1", kFamAll, kB},
    {"RELU_N1_TO_1", kFamAll, kB},
    {"RESHAPE", kFamAll, kFm},
    {"RESIZE_BILINEAR", kFamAll, kB},
    {"RESIZE_NEAREST_NEIGHBOR", kFamAll, kB},
    {"REVERSE_V2", kFamAll, kB},
    {"RSQRT", kFamAll, kB},
    {"SCATTER_ND", kFamU85, kB | kChkInt32},
    {"SELECT", kFamU85, kB | kChkBool},
    {"SELECT_V2", kFamU85, kB | kChkBool},
    {"SLICE", kFamAll, kB},
    {"SOFTMAX", kFamAll, kFm | kChkSoftmax},
    {"SPLIT", kFamAll, kFm},
    {"SPLIT_V", kFamAll, kFm},
    {"SQUARED_DIFFERENCE", kFamAll, kB},
    {"SQUEEZE", kFamAll, kFm},
    {"STRIDED_SLICE", kFamAll, kB},
    {"SUB", kFamAll, kB | kChkInt32 | kChkActivation},
    {"SUM", kFamAll, kB | kChkInt32},
    {"TANH", kFamAll, kB},
    {"TILE", kFamAll, kB},
    {"TRANSPOSE", kFamAll, kB | kChkInt32},
    {"TRANSPOSE_CONV", kFamAll, kB | kW | kChkTransposeConv},
    {"UNIDIRECTIONAL_SEQUENCE_LSTM", kFamAll, kB},
    {"UNPACK", kFamAll, kFm},
}};

constexpr std::array<NpuCheckInfo, 20> kChecks = {{
    {kChkShape, "shape", "feature maps of rank <= 4, every dimension 1..65535", check_shape},
    {kChkBatch, "batch", "batch 1 (4-D feature maps)", check_batch},
    {kChkTypes, "types", "feature maps int8, uint8 or int16", check_types},
    {kChkInt32, "int32", "int32 feature maps allowed too", nullptr},
    {kChkBool, "bool", "bool feature maps allowed too", nullptr},
    {kChkQuant, "quant", "feature maps quantized per tensor (per-axis only on weights)", check_quant},
    {kChkWeights, "weights", "constant 8-bit weights; sum of |w - zp| per output channel <= 127 * 2^16 (8-bit input)",
     check_weights},
    {kChkBias, "bias", "bias constant, 1-D, int32 or int64 (int64 values < 2^40 on U55/U65, < 2^48 on U85)",
     check_bias},
    {kChkActivation, "activation", "fused activation NONE, RELU, RELU6, RELU_N1_TO_1 or TANH", check_activation},
    {kChkConvStride, "stride", "stride > 3 only with dilation 1 and VALID padding (U85: any)", check_conv_stride},
    {kChkDwStride, "dw-stride", "stride 1..3", check_dw_stride},
    {kChkKernel, "kernel", "dilated kernel height <= 64, dilated kernel area <= 4096", check_kernel},
    {kChkAvgPool, "avg-pool", "SAME padding: filter <= 8x8; VALID: height <= 256, area <= 65536", check_avg_pool},
    {kChkMaxPool, "max-pool", "filter height <= 256, area <= 65536", check_max_pool},
    {kChkMean, "mean", "batch 1; reduced elements <= 2^24 (int8) / 2^16 (int16); each reduced axis < 4096",
     check_mean},
    {kChkSoftmax, "softmax", "H*W < 65536", check_softmax},
    {kChkArgMax, "arg-max", "last axis, depth <= 127", check_arg_max},
    {kChkSameQuant, "same-quant", "inputs and output with equal quantization", check_same_quant},
    {kChkTransposeConv, "transpose-conv",
     "stride 1x1 or 2x2 (2x1/1x2 with H or W of 1); output = input*stride (SAME) or input*stride + (k - stride) "
     "(VALID)",
     check_transpose_conv},
    {kChkGather, "gather", "axis == batch_dims", check_gather},
}};

}  // namespace

std::span<const NpuOpRule> all_npu_rules() { return kRules; }
std::span<const NpuCheckInfo> all_npu_checks() { return kChecks; }

const NpuOpRule* find_npu_rule(std::string_view op) {
  for (const NpuOpRule& r : kRules)
    if (r.op == op) return &r;
  return nullptr;
}

uint32_t family_bit(const NpuConfig& npu) {
  switch (npu.family) {
    case NpuFamily::kU55: return kFamU55;
    case NpuFamily::kU65: return kFamU65;
    case NpuFamily::kU85: return kFamU85;
  }
  return 0;
}

RuleResult npu_supports(const NpuConfig& npu, const Graph& g, const Op& op) {
  const std::string type = op.type();
  const NpuOpRule* rule = find_npu_rule(type);
  if (!rule) return {false, fmt::format("{} is not in the Ethos-U operator set", type)};
  if (!(rule->families & family_bit(npu)))
    return {false, fmt::format("{} is not in the Ethos-{} operator set (U85 only)", type, family_name(npu.family))};
  for (const NpuCheckInfo& c : kChecks) {
    if (!(rule->checks & c.flag) || !c.fn) continue;
    RuleResult r = c.fn(npu, g, op);
    if (!r.ok) return {false, fmt::format("{}: {}", type, r.reason)};
  }
  return {};
}

}  // namespace tinyaot
