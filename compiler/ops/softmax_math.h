// tinyaot: compile-time constants of the quantized SOFTMAX: for int8 input TFLite's
// PreprocessSoftmaxScaling and CalculateInputRadius (5 integer bits for the scaled differences); for
// int16 input the rescaling multiplier and the two interpolation tables TFLite Micro generates in Prepare.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/quant/quant_math.h"

namespace tinyaot {

/// What the int8 softmax kernel needs besides shapes.
struct SoftmaxScaling {
  int32_t input_multiplier = 0;  ///< Q31 multiplier of beta * input_scale * 2^26 (capped at 2^31 - 1)
  int32_t input_left_shift = 0;  ///< its left shift (>= 0)
  int32_t diff_min = 0;          ///< -radius: smaller differences to the row max are ignored
  bool valid = false;            ///< false when beta * input_scale is too small (TFLite refuses it)
};

/// TFLite Micro's CalculateSoftmaxParams for int8 input: beta and input_scale are the model's floats.
SoftmaxScaling softmax_scaling(float beta, float input_scale);

/// int16 input: multiplier mapping input differences onto [-65535, 0] (= [-10, 0] in the exp table).
QuantizedMultiplier softmax_int16_multiplier(float beta, float input_scale);
/// TFLite's 513-entry int16 tables (gen_lut in float): exp(x) on [-10, 0] and 1/(1+x) on [0, 1], both
/// with outputs scaled by 2^15.
std::vector<int16_t> softmax_exp_table();
std::vector<int16_t> softmax_reciprocal_table();

}  // namespace tinyaot
