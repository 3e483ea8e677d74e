// tinyaot runtime: quantized SOFTMAX. int8 in -> int8 out (output scale 1/256, zero point -128) or
// int16 out (scale 1/65536, zero point -32768); int16 in -> int16 out (scale 1/32768, zero point 0).
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
/// exp(beta * scale * diff) in Q0.31 for a difference diff in [diff_min, 0]. Not inlined: both passes of
/// softmax_s8 call it, and the fixed-point exp is large (one copy saves about 1 KB of flash for a few
/// instructions per element).
__attribute__((noinline)) inline int32_t softmax_exp(int32_t diff, const SoftmaxParams& p) {
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

/// Compile-time constants of one int16 SOFTMAX.
struct SoftmaxInt16Params {
  int32_t outer_size;
  int32_t depth;
  int32_t input_multiplier;  ///< maps input differences to [-65535, 0] = [-10, 0] (Q31 multiplier ...)
  int32_t input_shift;       ///< ... and shift, TFLite convention: > 0 is left
};

/// TFLite's int16 table lookup: 512 intervals over the int16 range, interpolated with 7 fraction bits.
inline int16_t lut_lookup_s16(int16_t value, const int16_t* lut) {
  const int32_t index = 256 + (value >> 7);
  const int32_t offset = value & 0x7f;
  const int32_t base = lut[index];
  const int32_t slope = static_cast<int16_t>(lut[index + 1] - lut[index]);
  return static_cast<int16_t>(base + ((slope * offset + 64) >> 7));
}

/// int16 -> int16 softmax over the last dimension; exp_lut covers exp on [-10, 0], recip_lut 1/(1+x) on
/// [0, 1], both 513 entries scaled by 2^15.
inline void softmax_s16(const SoftmaxInt16Params& p, const int16_t* exp_lut, const int16_t* recip_lut,
                        const int16_t* input, int16_t* output) {
  for (int32_t row = 0; row < p.outer_size; ++row) {
    const int16_t* in = input + row * p.depth;
    int16_t* out = output + row * p.depth;
    int32_t max_in_row = INT16_MIN;
    for (int32_t c = 0; c < p.depth; ++c) max_in_row = in[c] > max_in_row ? in[c] : max_in_row;

    // exp(x - max) in Q0.15, kept in the output row until the sum is known; the sum is Q16.15.
    int32_t sum_of_exps = 0;
    for (int32_t c = 0; c < p.depth; ++c) {
      const int32_t scaled = multiply_by_quantized_multiplier(in[c] - max_in_row, p.input_multiplier,
                                                              static_cast<int>(p.input_shift));
      const int16_t centred = static_cast<int16_t>(clamp_i32(scaled + 32767, -32768, 32767));
      out[c] = lut_lookup_s16(centred, exp_lut);
      sum_of_exps += out[c];
    }

    // 1 / sum: normalise the sum to [1, 2) in Q1.14 (rounded), recentre x = sum - 1 from [0, 1) onto the
    // table's int16 input range, look up 1/(1+x).
    const int headroom_plus_one = fxp::count_leading_zeros(static_cast<uint32_t>(sum_of_exps));
    const int32_t shifted_sum = static_cast<int32_t>(
        ((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    const int16_t centred_sum =
        static_cast<int16_t>(clamp_i32(shifted_sum - ((1 << 15) + (1 << 16)), -32768, 32767));
    const int64_t reciprocal = lut_lookup_s16(centred_sum, recip_lut);

    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = int64_t{1} << (right_shift - 1);
    for (int32_t c = 0; c < p.depth; ++c) {
      const int64_t result = (static_cast<int64_t>(out[c]) * reciprocal + round) >> right_shift;
      out[c] = static_cast<int16_t>(result < 0 ? 0 : (result > 32767 ? 32767 : result));
    }
  }
}

}  // namespace tinyaot_rt
