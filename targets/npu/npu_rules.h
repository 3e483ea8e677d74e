// tinyaot targets: which operators an Ethos-U NPU runs, as data plus small predicates.
// The rule table (npu_rules.cpp) lists every operator Vela 5.1 maps to the NPU, the families that have
// it and the constraint checks that apply; each check is a small function (npu_checks.cpp) returning
// {ok, reason}. The constraints are the conservative (older) rule set of ../shared/docs/ethos-u.md, safe
// for every family: an op we place on the NPU is one Vela takes. docs/SUPPORTED_OPS_NPU.md is generated
// from the same table.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "compiler/ir/graph.h"
#include "targets/npu/npu_config.h"

namespace tinyaot {

/// The answer of a rule or check: ok, or the reason it fails (one clause, for reports).
struct RuleResult {
  bool ok = true;
  std::string reason;
};

/// One constraint check: `npu`, the graph and the op in, {ok, reason} out.
using NpuCheckFn = RuleResult (*)(const NpuConfig& npu, const Graph& g, const Op& op);

/// Bit flags naming the checks of a rule (the order of all_npu_checks()).
enum NpuCheck : uint32_t {
  kChkShape = 1u << 0,        ///< rank <= 4, dimensions 1..65535 (feature maps)
  kChkBatch = 1u << 1,        ///< batch 1 (4-D feature maps)
  kChkTypes = 1u << 2,        ///< feature maps int8/uint8/int16
  kChkInt32 = 1u << 3,        ///< ... or int32 (modifies kChkTypes)
  kChkBool = 1u << 4,         ///< ... or bool (U85 comparisons; modifies kChkTypes)
  kChkQuant = 1u << 5,        ///< quantized feature maps, per-tensor
  kChkWeights = 1u << 6,      ///< constant 8-bit weights, sum |w| per output channel <= 127 * 2^16
  kChkBias = 1u << 7,         ///< constant int32/int64 1-D bias, int64 values in range
  kChkActivation = 1u << 8,   ///< fused activation the NPU has
  kChkConvStride = 1u << 9,   ///< stride > 3 only with dilation 1 and VALID padding (U55/U65)
  kChkDwStride = 1u << 10,    ///< stride 1..3
  kChkKernel = 1u << 11,      ///< dilated kernel height <= 64, area <= 4096
  kChkAvgPool = 1u << 12,     ///< SAME: kernel <= 8x8; VALID: kH <= 256, kH*kW <= 65536
  kChkMaxPool = 1u << 13,     ///< kH <= 256, kH*kW <= 65536
  kChkMean = 1u << 14,        ///< reduced elements <= 2^24 (int8) / 2^16 (int16), axis sizes < 4096
  kChkSoftmax = 1u << 15,     ///< H*W < 65536
  kChkArgMax = 1u << 16,      ///< last axis, depth <= 127
  kChkSameQuant = 1u << 17,   ///< inputs and output quantization equal
  kChkTransposeConv = 1u << 18,  ///< stride 1x1/2x2, output size consistent
  kChkGather = 1u << 19,      ///< axis == batch_dims
};

/// A named check with its documentation line.
struct NpuCheckInfo {
  uint32_t flag;
  std::string_view name;   ///< short name for docs ("shape")
  std::string_view doc;    ///< one line for docs/SUPPORTED_OPS_NPU.md
  NpuCheckFn fn;           ///< nullptr for modifier flags (kChkInt32, kChkBool)
};

/// Bit per family, for NpuOpRule::families.
inline constexpr uint32_t kFamU55 = 1, kFamU65 = 2, kFamU85 = 4, kFamAll = 7;

/// One operator the NPU runs.
struct NpuOpRule {
  std::string_view op;   ///< TFLite builtin name, as OpDef::name()
  uint32_t families;     ///< kFam* bits
  uint32_t checks;       ///< NpuCheck bits
};

/// The rule table, by operator name.
std::span<const NpuOpRule> all_npu_rules();
/// Every check, in flag order.
std::span<const NpuCheckInfo> all_npu_checks();
/// The rule for an operator name, or nullptr when no family runs it.
const NpuOpRule* find_npu_rule(std::string_view op);
/// The family bit of a configuration.
uint32_t family_bit(const NpuConfig& npu);

/// Whether `op` can run on `npu`: ok, or the first reason it cannot ("MAX_POOL_2D: stride 4x4 > 3 needs
/// VALID padding").
RuleResult npu_supports(const NpuConfig& npu, const Graph& g, const Op& op);

}  // namespace tinyaot
