// tinyaot runtime: gemmlowp's fixed-point logistic and tanh, as TFLite's int8 LOGISTIC / TANH use them.
// Inputs are raw int32 values with `integer_bits` integer bits; results have 0 integer bits (Q0.31).
// Built on fixedpoint_exp.h (exp on negative values, 1/(1+x)); reproduced bit for bit, including
// gemmlowp's re-reading of tanh's argument with one more integer bit (ExactMulByPot<1>: same raw value).
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"
#include "tinyaot_rt/fixedpoint_exp.h"

namespace tinyaot_rt {
namespace fxp {

/// Wrap-around negation (gemmlowp's unary minus on raw values).
inline int32_t neg(int32_t a) { return static_cast<int32_t>(0u - static_cast<uint32_t>(a)); }

/// (1 - a) / (1 + a) for a in [0, 1), Q0.31 in and out: the Newton-Raphson division of
/// one_over_one_plus_x_for_x_in_0_1, with 1 subtracted from the Q2.29 quotient at the end.
inline int32_t one_minus_x_over_one_plus_x_for_x_in_0_1(int32_t a) {
  const int32_t half_denominator = rounding_half_sum(a, INT32_MAX);  // Q0.31
  const int32_t k48Over17 = 1515870810;                              // Q2.29
  const int32_t kNeg32Over17 = -1010580540;                          // Q2.29
  const int32_t kOneQ2 = int32_t{1} << 29;
  int32_t x = add(k48Over17, mul(half_denominator, kNeg32Over17));  // Q2.29
  for (int i = 0; i < 3; ++i) {
    const int32_t one_minus = sub(kOneQ2, mul(half_denominator, x));  // Q2.29
    x = add(x, rescale(mul(x, one_minus), 4, 2));                      // Q4.27 -> Q2.29
  }
  return rescale(sub(x, kOneQ2), 2, 0);
}

/// logistic(a) = 1 / (1 + exp(-a)) in Q0.31.
inline int32_t logistic(int32_t a, int integer_bits) {
  if (a == 0) return int32_t{1} << 30;  // one half
  // exp of -|a| (a itself when a < 0), then 1 / (1 + that) is logistic(|a|).
  const int32_t positive = one_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(a > 0 ? neg(a) : a, integer_bits));
  return a > 0 ? positive : sub(INT32_MAX, positive);  // 1 - logistic(|a|), "1" being INT32_MAX in Q0.31
}

/// tanh(a) in Q0.31: -tanh(-|a|) = (1 - exp(-2|a|)) / (1 + exp(-2|a|)); -|a| with integer_bits is read as
/// -2|a| with integer_bits + 1.
inline int32_t tanh(int32_t a, int integer_bits) {
  if (a == 0) return 0;
  const int32_t n = a < 0 ? a : neg(a);
  const int32_t t = one_minus_x_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(n, integer_bits + 1));
  return a < 0 ? neg(t) : t;
}

}  // namespace fxp
}  // namespace tinyaot_rt
