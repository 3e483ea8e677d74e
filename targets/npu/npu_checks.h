// tinyaot targets: the constraint checks of the NPU rules (see npu_rules.h), and the helpers they share.
// Op attributes are read from Attrs::dump() ("padding=SAME stride=2x2 ..."): that text is stable by
// contract and lets the rules stay independent of each op file's private attribute struct.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "targets/npu/npu_rules.h"

namespace tinyaot::npu {

/// Value of `key` in the op's attribute text, or nullopt.
std::optional<std::string> attr(const Op& op, std::string_view key);
/// "2x3" -> {2, 3} for `key` (stride, dilation, filter); nullopt when absent or malformed.
std::optional<std::pair<int, int>> attr_hw(const Op& op, std::string_view key);
/// Non-constant tensors the op reads or writes (its feature maps).
std::vector<int> feature_maps(const Graph& g, const Op& op);

RuleResult check_shape(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_batch(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_types(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_quant(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_weights(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_bias(const NpuConfig& npu, const Graph& g, const Op& op);
RuleResult check_activation(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_conv_stride(const NpuConfig& npu, const Graph& g, const Op& op);
RuleResult check_dw_stride(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_kernel(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_avg_pool(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_max_pool(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_mean(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_softmax(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_arg_max(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_same_quant(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_transpose_conv(const NpuConfig&, const Graph& g, const Op& op);
RuleResult check_gather(const NpuConfig&, const Graph& g, const Op& op);

}  // namespace tinyaot::npu
