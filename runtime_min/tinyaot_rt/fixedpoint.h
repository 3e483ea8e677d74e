// tinyaot runtime: integer fixed-point primitives shared by all kernels.
// These reproduce TFLite's reference arithmetic bit for bit (gemmlowp-style rounding, "double rounding"
// MultiplyByQuantizedMultiplier as in TFLite Micro's default build). Written to be free of undefined
// behaviour: shifts of negative values go through unsigned arithmetic.
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Saturating rounding doubling high multiply: (a * b * 2) >> 32, rounded, with INT32_MIN*INT32_MIN
/// saturating to INT32_MAX (gemmlowp SaturatingRoundingDoublingHighMul).
inline int32_t sat_rounding_doubling_high_mul(int32_t a, int32_t b) {
  if (a == b && a == INT32_MIN) return INT32_MAX;
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int64_t positive_nudge = int64_t{1} << 30;
  const int64_t nudge = ab < 0 ? 1 - positive_nudge : positive_nudge;
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

/// Rounding arithmetic right shift, ties away from zero (gemmlowp RoundingDivideByPOT).
inline int32_t rounding_divide_by_pot(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/// x * 2^shift with wrap-around (as TFLite's int32 `x * (1 << shift)`), without signed-overflow UB.
inline int32_t shift_left_wrap(int32_t x, int shift) {
  return static_cast<int32_t>(static_cast<uint32_t>(x) << shift);
}

/// TFLite MultiplyByQuantizedMultiplier: x * multiplier * 2^shift, multiplier a Q31 value.
inline int32_t multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  return rounding_divide_by_pot(sat_rounding_doubling_high_mul(shift_left_wrap(x, left), multiplier),
                                right);
}

/// TFLite MultiplyByQuantizedMultiplierSmallerThanOneExp (shift <= 0).
inline int32_t multiply_by_quantized_multiplier_smaller_than_one(int32_t x, int32_t multiplier,
                                                                 int shift) {
  return rounding_divide_by_pot(sat_rounding_doubling_high_mul(x, multiplier), -shift);
}

/// TFLite MultiplyByQuantizedMultiplierGreaterThanOne (shift >= 0).
inline int32_t multiply_by_quantized_multiplier_greater_than_one(int32_t x, int32_t multiplier,
                                                                 int shift) {
  return sat_rounding_doubling_high_mul(shift_left_wrap(x, shift), multiplier);
}

/// TFLite's 64-bit-input variant (int16x8 kernels), as in TFLite Micro's default ("double rounding")
/// build: the Q31 multiplier is first rounded to Q15, then one rounding shift (half up); the result is
/// truncated to int32 without saturation. Requires |x| < 2^47 and shift in [-31, 7], as TFLite asserts.
inline int32_t multiply_by_quantized_multiplier_64(int64_t x, int32_t multiplier, int shift) {
  const int32_t reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const int total_shift = 15 - shift;
  const int64_t rounded = x * static_cast<int64_t>(reduced) + (int64_t{1} << (total_shift - 1));
  return static_cast<int32_t>(rounded >> total_shift);
}

inline int32_t clamp_i32(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : (v > hi ? hi : v); }

}  // namespace tinyaot_rt
