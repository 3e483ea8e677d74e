// tinyaot runtime: int8 TANH, as TFLite's reference_integer_ops::Tanh: x - zp_in is brought to Q4.27 by a
// Q31 multiplier and left shift (compile time), inputs beyond the radius saturate, the rest go through
// gemmlowp's fixed-point tanh; the Q0.31 result is rounded to 1/128 steps, zero point 0.
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"
#include "tinyaot_rt/fixedpoint_sigmoid.h"
#include "tinyaot_rt/logistic.h"  // SigmoidParams

namespace tinyaot_rt {

inline void tanh_s8(const SigmoidParams& p, const int8_t* input, int8_t* output) {
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
      const int32_t y_q0 = fxp::tanh(x_q4, kInputIntegerBits);
      // Q0.31 -> 1/128 steps (31 - 7 bits).
      output[i] = static_cast<int8_t>(clamp_i32(rounding_divide_by_pot(y_q0, 31 - 7), INT8_MIN, INT8_MAX));
    }
  }
}

}  // namespace tinyaot_rt
