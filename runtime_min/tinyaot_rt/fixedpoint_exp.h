// tinyaot runtime: fixed-point exp() and 1/(1+x) for the quantized SOFTMAX.
// These follow the gemmlowp fixed-point algorithms TFLite's reference softmax uses (Q-format values held
// in int32 "raw" integers; a value with I integer bits has 31 - I fractional bits), reproduced bit for bit:
// the polynomial around -1/8, the barrel shifter of exp(-2^k) constants, Newton-Raphson division.
// Sums are wrap-around (as gemmlowp's plain int32 adds) but written without signed-overflow UB.
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {
namespace fxp {

/// Wrap-around int32 addition / subtraction (gemmlowp's Add / Sub on raw values).
inline int32_t add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int32_t sub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}

/// Fixed-point product: the integer bits of the operands add up; raw = rounding doubling high multiply.
inline int32_t mul(int32_t a, int32_t b) { return sat_rounding_doubling_high_mul(a, b); }

/// x * 2^exponent with saturation for exponent > 0, rounding (ties away from zero) for exponent < 0.
inline int32_t sat_rounding_mul_by_pot(int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return rounding_divide_by_pot(x, -exponent);
  const int32_t threshold = static_cast<int32_t>((int64_t{1} << (31 - exponent)) - 1);
  if (x > threshold) return INT32_MAX;
  if (x < -threshold) return INT32_MIN;
  return shift_left_wrap(x, exponent);
}

/// Changes a raw value from `src_bits` to `dst_bits` integer bits (gemmlowp Rescale).
inline int32_t rescale(int32_t x, int src_bits, int dst_bits) {
  return sat_rounding_mul_by_pot(x, src_bits - dst_bits);
}

/// (a + b) / 2 rounded half away from zero, computed in 64 bits (gemmlowp RoundingHalfSum).
inline int32_t rounding_half_sum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
  const int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

/// exp(a) for a in [-1/4, 0), a and the result with 0 integer bits: a 4th-order Taylor expansion
/// around -1/8.
inline int32_t exp_on_interval_neg_quarter_to_0(int32_t a) {
  const int32_t kExpMinusOneEighth = 1895147668;  // exp(-1/8) in Q0.31
  const int32_t kOneThird = 715827883;            // 1/3 in Q0.31
  const int32_t x = add(a, int32_t{1} << 28);     // a + 1/8
  const int32_t x2 = mul(x, x);
  const int32_t x3 = mul(x2, x);
  const int32_t x4 = mul(x2, x2);
  const int32_t x4_over_4 = sat_rounding_mul_by_pot(x4, -2);
  const int32_t poly = sat_rounding_mul_by_pot(add(mul(add(x4_over_4, x3), kOneThird), x2), -1);
  return add(kExpMinusOneEighth, mul(kExpMinusOneEighth, add(x, poly)));
}

/// exp(a) for a <= 0 given with `integer_bits` integer bits; the result has 0 integer bits (Q0.31).
/// a is split into a multiple of 1/4 and a remainder in [-1/4, 0); the multiple is applied bit by bit
/// with the constants exp(-1/4), exp(-1/2), exp(-1), ..., exp(-16).
inline int32_t exp_on_negative_values(int32_t a, int integer_bits) {
  const int fractional_bits = 31 - integer_bits;
  const int32_t one_quarter = int32_t{1} << (fractional_bits - 2);
  const int32_t mask = one_quarter - 1;
  const int32_t a_mod_quarter_minus_quarter = sub(a & mask, one_quarter);
  int32_t result = exp_on_interval_neg_quarter_to_0(rescale(a_mod_quarter_minus_quarter, integer_bits, 0));
  const int32_t remainder = sub(a_mod_quarter_minus_quarter, a);

  // exp(-2^k) in Q0.31 for k = -2 .. 4.
  static constexpr int32_t kMultipliers[7] = {1672461947, 1302514674, 790015084, 290630308,
                                              39332535,   720401,     242};
  for (int k = -2; k <= 4; ++k) {
    if (integer_bits > k) {
      const int bit = fractional_bits + k;
      if (remainder & (int32_t{1} << bit)) result = mul(result, kMultipliers[k + 2]);
    }
  }
  // Inputs below -32 (only representable with more than 5 integer bits) give exactly 0.
  if (integer_bits > 5) {
    const int32_t clamp = -(int32_t{1} << (fractional_bits + 5));
    if (a < clamp) result = 0;
  }
  if (a == 0) result = INT32_MAX;  // exp(0) = "1" in Q0.31
  return result;
}

/// 1 / (1 + a) for a in [0, 1), input and result in Q0.31 (Newton-Raphson with 3 iterations,
/// starting from 48/17 - 32/17 * d on the half denominator d).
inline int32_t one_over_one_plus_x_for_x_in_0_1(int32_t a) {
  const int32_t half_denominator = rounding_half_sum(a, INT32_MAX);  // Q0.31
  const int32_t k48Over17 = 1515870810;                              // Q2.29
  const int32_t kNeg32Over17 = -1010580540;                          // Q2.29
  const int32_t kOneQ2 = int32_t{1} << 29;
  int32_t x = add(k48Over17, mul(half_denominator, kNeg32Over17));  // Q2.29
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = mul(half_denominator, x);  // Q2.29
    const int32_t one_minus = sub(kOneQ2, half_denominator_times_x);   // Q2.29
    x = add(x, rescale(mul(x, one_minus), 4, 2));                      // Q4.27 -> Q2.29
  }
  // x/2 reinterpreted with 1 integer bit, then rescaled to 0 integer bits.
  return rescale(x, 1, 0);
}

/// Number of leading zero bits of a 32-bit value (32 for 0).
inline int count_leading_zeros(uint32_t x) {
  if (x == 0) return 32;
  int n = 0;
  while ((x & 0x80000000u) == 0) {
    x <<= 1;
    ++n;
  }
  return n;
}

/// TFLite GetReciprocal: 1/x for a positive x with `x_integer_bits` integer bits, as a Q0.31 value
/// scaled by 2^-num_bits_over_unit.
inline int32_t reciprocal(int32_t x, int x_integer_bits, int* num_bits_over_unit) {
  const int headroom_plus_one = count_leading_zeros(static_cast<uint32_t>(x));
  *num_bits_over_unit = x_integer_bits - headroom_plus_one;
  const int32_t shifted_minus_one = static_cast<int32_t>(
      (static_cast<uint32_t>(x) << headroom_plus_one) - (uint32_t{1} << 31));
  return one_over_one_plus_x_for_x_in_0_1(shifted_minus_one);
}

}  // namespace fxp
}  // namespace tinyaot_rt
