// tinyaot: emission of the staged in-place convolution kernels (runtime_min/tinyaot_rt/conv_inplace.h).
// plan-memory decides which ops run in place (Op::inplace_dir); CONV_2D and DEPTHWISE_CONV_2D ask this
// helper first and fall back to their ordinary call when the op does not overlap its input.
#pragma once

#include <string>
#include <string_view>

#include "compiler/ops/conv_util.h"

namespace tinyaot {

/// When `op` runs in place, emits `tinyaot_rt::<kernel>_inplace_<s8|s16>(params, {reverse, ring}, input,
/// filter, bias, multiplier, shift, output, ring_buffer)` and returns true; otherwise emits nothing.
bool emit_inplace_conv_call(EmitContext& e, const Op& op, std::string_view kernel, const std::string& params,
                            const ConvPrepared& p);

}  // namespace tinyaot
