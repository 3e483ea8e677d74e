// tinyaot runtime: the reference requantization (conv_common.h requantize(), TFLite's double-rounding
// MultiplyByQuantizedMultiplier) in fewer instructions, for the scalar paths of the DSP kernels.
// - SaturatingRoundingDoublingHighMul(a, b) = floor((a*b + 2^30) / 2^31) for every a, b except
//   a = b = INT32_MIN (saturates). gemmlowp adds 1 - 2^30 to negative products and divides truncating
//   toward zero, i.e. ceil((ab + 1 - 2^30) / 2^31) = floor((ab + 2^30) / 2^31). Multipliers from
//   TFLite's QuantizeMultiplier are in [2^30, 2^31) (or 0), so the saturating case cannot occur.
// The rounding right shift is the reference rounding_divide_by_pot() with a 32-bit mask (shifts are at
// least -31, as TFLite's QuantizeMultiplier produces).
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"


namespace tinyaot_rt {

/// requantize() for int32 accumulators and a positive (or zero) multiplier; same bits, fewer steps.
inline int32_t requantize_fast(int32_t acc, int32_t multiplier, int32_t shift, int32_t output_zero_point,
                               int32_t act_min, int32_t act_max) {
  const int32_t left = shift > 0 ? shift : 0;
  const int32_t right = left - shift;  // max(-shift, 0), at most 31
  const int64_t ab = static_cast<int64_t>(shift_left_wrap(acc, left)) * multiplier + (int64_t{1} << 30);
  const auto high = static_cast<int32_t>(ab >> 31);
  // rounding_divide_by_pot(high, right) with a 32-bit mask: no branch, no 64-bit shift.
  const auto mask = static_cast<int32_t>((uint32_t{1} << right) - 1u);
  const int32_t threshold = (mask >> 1) + static_cast<int32_t>(static_cast<uint32_t>(high) >> 31);
  const int32_t scaled = (high >> right) + ((high & mask) > threshold ? 1 : 0);
  const int32_t v = static_cast<int32_t>(static_cast<uint32_t>(scaled) + static_cast<uint32_t>(output_zero_point));
  return clamp_i32(v, act_min, act_max);
}

/// v clamped to [-128, 127]: one SSAT where the instruction exists (gcc does not find it in the compare
/// form), plain compares elsewhere.
inline int32_t clamp_s8(int32_t v) {
#if defined(__ARM_FEATURE_SAT) && __ARM_FEATURE_SAT
  int32_t r;
  __asm__("ssat %0, #8, %1" : "=r"(r) : "r"(v));  // (ACLE's __ssat trips -Wsign-conversion in gcc 12)
  return r;
#else
  return v < -128 ? -128 : (v > 127 ? 127 : v);
#endif
}

}  // namespace tinyaot_rt
