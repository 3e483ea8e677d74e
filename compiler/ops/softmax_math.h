// tinyaot: compile-time constants of the quantized SOFTMAX (TFLite's PreprocessSoftmaxScaling and
// CalculateInputRadius with 5 integer bits for the scaled input differences).
#pragma once

#include <cstdint>

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

}  // namespace tinyaot
