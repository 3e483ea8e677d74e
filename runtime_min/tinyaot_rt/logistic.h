// tinyaot runtime: int8 LOGISTIC, as TFLite's reference_integer_ops::Logistic: x - zp_in is brought to
// Q4.27 by a Q31 multiplier and left shift (compile time), inputs beyond the radius saturate, the rest go
// through gemmlowp's fixed-point logistic; the Q0.31 result is rounded to 1/256 steps, zero point -128.
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"
#include "tinyaot_rt/fixedpoint_sigmoid.h"

namespace tinyaot_rt {

/// Compile-time constants of one int8 LOGISTIC or TANH.
struct SigmoidParams {
  int32_t size;  ///< number of elements
  int32_t input_zero_point;
  int32_t input_range_radius;  ///< |x - zp| at or beyond this saturates
  int32_t input_multiplier;    ///< input_scale * 2^27 as Q31 multiplier ...
  int32_t input_left_shift;    ///< ... and shift (TFLite convention: > 0 is left)
};

inline void logistic_s8(const SigmoidParams& p, const int8_t* input, int8_t* output) {
  constexpr int kInputIntegerBits = 4;
  for (int32_t i = 0; i < p.size; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - p.input_zero_point;
    if (x <= -p.input_range_radius) {
      output[i] = INT8_MIN;
    } else if (x >= p.input_range_radius) {
      output[i] = INT8_MAX;
    } else {
      const int32_t x_q4 =
          multiply_by_quantized_multiplier(x, p.input_multiplier, static_cast<int>(p.input_left_shift));
      const int32_t y_q0 = fxp::logistic(x_q4, kInputIntegerBits);
      // Q0.31 -> 1/256 steps (31 - 8 bits), then the output zero point -128.
      const int32_t y = rounding_divide_by_pot(y_q0, 31 - 8) - 128;
      output[i] = static_cast<int8_t>(clamp_i32(y, INT8_MIN, INT8_MAX));
    }
  }
}

}  // namespace tinyaot_rt
