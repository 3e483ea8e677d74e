// tinyaot runtime: int8 L2_NORMALIZATION over the last dimension, as TFLite's
// reference_integer_ops::L2Normalization: per row the sum of squared (x - zp) in int32 gives 1/sqrt(sum)
// as a Q31 multiplier and shift (gemmlowp Newton-Raphson in GetInvSqrtQuantizedMultiplierExp), each x - zp
// is scaled by it into 1/128 steps (output zero point 0) and clamped.
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"
#include "tinyaot_rt/fixedpoint_exp.h"

namespace tinyaot_rt {

/// Compile-time constants of one L2_NORMALIZATION.
struct L2NormParams {
  int32_t outer_size;  ///< number of rows
  int32_t depth;       ///< row length (last dimension)
  int32_t input_zero_point;
};

namespace detail {

/// TFLite GetInvSqrtQuantizedMultiplierExp with reverse_shift -1: 1 / sqrt(input) ~= multiplier * 2^shift
/// (shift in TFLite's left-positive convention), for input >= 0 (0 and 1 both give INT32_MAX, shift 0).
inline void inv_sqrt_multiplier(int32_t input, int32_t* multiplier, int* shift) {
  if (input <= 1) {
    *multiplier = INT32_MAX;
    *shift = 0;
    return;
  }
  int right_shift = 11;
  while (input >= (1 << 29)) {
    input /= 4;
    ++right_shift;
  }
  // Normalise into [2^27, 2^29) by an even shift.
  const int max_left_shift_bit_pairs = (fxp::count_leading_zeros(static_cast<uint32_t>(input)) - 1) / 2;
  const int left_shift_bit_pairs = max_left_shift_bit_pairs - 1;
  right_shift -= left_shift_bit_pairs;
  input = shift_left_wrap(input, 2 * left_shift_bit_pairs);
  // Newton-Raphson for 1/sqrt on Q3.28 values, starting from 1, 5 iterations.
  const int32_t half_input = fxp::sat_rounding_mul_by_pot(input >> 1, -1);  // Q3.28
  const int32_t half_three = (1 << 28) + (1 << 27);                        // 1.5 in Q3.28
  int32_t x = 1 << 28;                                                      // 1.0 in Q3.28
  for (int i = 0; i < 5; ++i) {
    const int32_t x3 = fxp::rescale(fxp::mul(fxp::mul(x, x), x), 9, 3);
    x = fxp::rescale(fxp::sub(fxp::mul(half_three, x), fxp::mul(half_input, x3)), 6, 3);
  }
  x = fxp::mul(x, 1518500250);  // * sqrt(2)/2 in Q0.31 -> Q3.28
  if (right_shift < 0) {
    x = shift_left_wrap(x, -right_shift);
    right_shift = 0;
  }
  *multiplier = x;
  *shift = -right_shift;
}

}  // namespace detail

inline void l2_normalization_s8(const L2NormParams& p, const int8_t* input, int8_t* output) {
  constexpr int kOutputScaleBits = 7;  // output in 1/128 steps
  for (int32_t row = 0; row < p.outer_size; ++row) {
    const int8_t* in = input + row * p.depth;
    int8_t* out = output + row * p.depth;
    int32_t acc = 0;
    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t x = in[c] - p.input_zero_point;
      acc = static_cast<int32_t>(static_cast<uint32_t>(acc) + static_cast<uint32_t>(x * x));
    }
    int32_t multiplier = 0;
    int shift = 0;
    detail::inv_sqrt_multiplier(acc, &multiplier, &shift);
    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t y =
          multiply_by_quantized_multiplier(in[c] - p.input_zero_point, multiplier, shift + kOutputScaleBits);
      out[c] = static_cast<int8_t>(clamp_i32(y, INT8_MIN, INT8_MAX));
    }
  }
}

}  // namespace tinyaot_rt
