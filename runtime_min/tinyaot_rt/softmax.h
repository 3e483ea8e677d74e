// tinyaot runtime: quantized SOFTMAX, int8 in -> int8 out (output scale 1/256, zero point -128) or
// int16 out (scale 1/65536, zero point -32768).
// Same algorithm as TFLite's reference integer softmax: per row, differences to the row maximum are
// scaled to Q5.26 (multiplier and left shift computed at compile time together with diff_min, the
// smallest difference that still matters), exponentiated in fixed point, summed in Q12.19, and each
// exp is multiplied by the reciprocal of the sum.
#pragma once

#include <cstdint>
#include <limits>

#include "tinyaot_rt/fixedpoint.h"
#include "tinyaot_rt/fixedpoint_exp.h"

namespace tinyaot_rt {

/// Compile-time constants of one SOFTMAX.
struct SoftmaxParams {
  int32_t outer_size;        ///< number of rows (product of all but the last dimension)
  int32_t depth;             ///< row length (last dimension)
  int32_t input_multiplier;  ///< beta * input_scale in Q5.26, as Q31 multiplier ...
  int32_t input_left_shift;  ///< ... and left shift (>= 0)
  int32_t diff_min;          ///< differences below this give the output minimum
};

namespace detail {
/// exp(beta * scale * diff) in Q0.31 for a difference diff in [diff_min, 0].
inline int32_t softmax_exp(int32_t diff, const SoftmaxParams& p) {
  constexpr int kScaledDiffIntegerBits = 5;
  const int32_t scaled = multiply_by_quantized_multiplier_greater_than_one(
      diff, p.input_multiplier, static_cast<int>(p.input_left_shift));
  return fxp::exp_on_negative_values(scaled, kScaledDiffIntegerBits);
}
}  // namespace detail

/// int8 -> OutT (int8_t or int16_t) softmax over the last dimension.
template <typename OutT>
inline void softmax_s8(const SoftmaxParams& p, const int8_t* input, OutT* output) {
  constexpr int kAccumulationIntegerBits = 12;
  constexpr int kOutputBits = static_cast<int>(sizeof(OutT) * 8);
  constexpr int32_t kOutMin = std::numeric_limits<OutT>::min();
  constexpr int32_t kOutMax = std::numeric_limits<OutT>::max();
  for (int32_t row = 0; row < p.outer_size; ++row) {
    const int8_t* in = input + row * p.depth;
    OutT* out = output + row * p.depth;
    int32_t max_in_row = INT8_MIN;
    for (int32_t c = 0; c < p.depth; ++c) max_in_row = in[c] > max_in_row ? in[c] : max_in_row;

    int32_t sum_of_exps = 0;  // Q12.19
    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= p.diff_min)
        sum_of_exps = fxp::add(sum_of_exps, fxp::rescale(detail::softmax_exp(diff, p), 0,
                                                         kAccumulationIntegerBits));
    }

    int num_bits_over_unit = 0;
    const int32_t shifted_scale = fxp::reciprocal(sum_of_exps, kAccumulationIntegerBits, &num_bits_over_unit);
    // Shift the Q0.31 product down to the output width (TFLite asserts 0 <= exponent <= 31).
    const int exponent = num_bits_over_unit + 31 - kOutputBits;

    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= p.diff_min) {
        const int32_t exp_in_0 = detail::softmax_exp(diff, p);
        const int32_t unsat = rounding_divide_by_pot(fxp::mul(shifted_scale, exp_in_0), exponent);
        out[c] = static_cast<OutT>(clamp_i32(unsat + kOutMin, kOutMin, kOutMax));
      } else {
        out[c] = static_cast<OutT>(kOutMin);
      }
    }
  }
}

}  // namespace tinyaot_rt
