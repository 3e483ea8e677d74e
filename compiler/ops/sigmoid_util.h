// tinyaot: compile-time input scaling shared by int8 LOGISTIC and TANH (TFLite Micro's Prepare of both):
// input_scale * 2^27 (Q4.27 input) split by std::frexp into a Q31 multiplier and a left shift, and the
// radius beyond which the output saturates (TFLite's CalculateInputRadius with 4 integer bits).
#pragma once

#include <cstdint>
#include <string>

#include "compiler/ir/graph.h"

namespace tinyaot {

class EmitContext;

struct SigmoidScaling {
  int32_t multiplier = 0;
  int32_t left_shift = 0;
  int32_t radius = 0;
  bool valid = false;  ///< false when the input scale is below 2^-28 (TFLite would shift by a negative amount)
};

SigmoidScaling sigmoid_scaling(float input_scale);

/// Checks one int8 input and output of the op's shape, output with exactly `out_scale` / `out_zero_point`
/// (what the kernel's fixed output format means), and a usable input scale.
void check_sigmoid_op(const Graph& g, const Op& op, float out_scale, int32_t out_zero_point);

/// Emits the SigmoidParams constant and the call `tinyaot_rt::<kernel>(params, input, output)`.
void emit_sigmoid_call(EmitContext& e, const Graph& g, const Op& op, const SigmoidScaling& s,
                       const std::string& header, const std::string& kernel);

}  // namespace tinyaot
