// tinyaot runtime: int8 HARD_SWISH, x * relu6(x + 3) / 6, as TFLite's reference quantized HardSwish: all
// in 16-bit fixed point. x - zp_in is put on a "hires" scale (<< 7), multiplied by the output multiplier
// (Q15) and, separately, turned into a "reluish" factor in [0, 1] (Q15 multiplier with a saturating left or
// a rounding right shift); the two are multiplied with a truncating doubling high multiply, shifted right by
// the output exponent, offset and clamped. int16 arithmetic wraps exactly like TFLite's int16_t variables.
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Compile-time constants of one HARD_SWISH.
struct HardSwishParams {
  int32_t size;  ///< number of elements
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t reluish_multiplier_fixedpoint_int16;  ///< Q15
  int32_t reluish_multiplier_exponent;           ///< > 0 left, < 0 right
  int32_t output_multiplier_fixedpoint_int16;   ///< Q15
  int32_t output_multiplier_exponent;            ///< <= 0
};

namespace detail {

/// gemmlowp SaturatingRoundingDoublingHighMul on int16 values.
inline int16_t srdhm16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN) return INT16_MAX;
  const int32_t ab = static_cast<int32_t>(a) * static_cast<int32_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

/// TFLite's SaturatingDoublingHighMul: like srdhm16 but truncating toward zero.
inline int16_t sdhm16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN) return INT16_MAX;
  return static_cast<int16_t>((static_cast<int32_t>(a) * static_cast<int32_t>(b)) / (1 << 15));
}

/// gemmlowp RoundingDivideByPOT on an int16 value (mask and threshold are int16 quantities too).
inline int16_t rdbpot16(int16_t x, int exponent) {
  const int16_t mask = static_cast<int16_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return static_cast<int16_t>((x >> exponent) + (remainder > threshold ? 1 : 0));
}

/// value * 2^amount saturated to int16.
inline int16_t saturating_left_shift16(int16_t value, int amount) {
  const int64_t r = static_cast<int64_t>(value) * (int64_t{1} << amount);
  return static_cast<int16_t>(r > INT16_MAX ? INT16_MAX : (r < INT16_MIN ? INT16_MIN : r));
}

}  // namespace detail

inline void hard_swish_s8(const HardSwishParams& p, const int8_t* input, int8_t* output) {
  const int16_t out_mult = static_cast<int16_t>(p.output_multiplier_fixedpoint_int16);
  const int16_t reluish_mult = static_cast<int16_t>(p.reluish_multiplier_fixedpoint_int16);
  const int reluish_exp = static_cast<int>(p.reluish_multiplier_exponent);
  for (int32_t i = 0; i < p.size; ++i) {
    const int16_t x = static_cast<int16_t>(input[i] - p.input_zero_point);
    const int16_t x_hires = static_cast<int16_t>(x * (1 << 7));
    const int16_t x_preshift_out = detail::srdhm16(x_hires, out_mult);
    // Reluish factor: x on the scale where 3.0 is 32768, saturated, then mapped from [-1, 1] to [0, 1].
    int16_t reluish = x_hires;
    if (reluish_exp > 0) reluish = detail::saturating_left_shift16(reluish, reluish_exp - 1);
    reluish = detail::srdhm16(reluish, reluish_mult);
    if (reluish_exp > 0) reluish = detail::saturating_left_shift16(reluish, 1);
    if (reluish_exp < 0) reluish = detail::rdbpot16(reluish, -reluish_exp);
    reluish = static_cast<int16_t>((reluish + (1 << 15)) >> 1);
    const int16_t preshift_out = detail::sdhm16(reluish, x_preshift_out);
    int16_t y = detail::rdbpot16(preshift_out, -static_cast<int>(p.output_multiplier_exponent));
    y = static_cast<int16_t>(y + p.output_zero_point);  // int16 wrap, as TFLite's int16_t arithmetic
    output[i] = static_cast<int8_t>(y > INT8_MAX ? INT8_MAX : (y < INT8_MIN ? INT8_MIN : y));
  }
}

}  // namespace tinyaot_rt
