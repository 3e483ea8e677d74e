// tinyaot runtime: Helium (MVE) requantization of four int32 accumulators at once, bit-exact with the
// scalar reference (conv_common.h requantize()).
// - x * 2^left wraps like TFLite's int32 multiply: VSHL (register), which does not saturate;
// - SaturatingRoundingDoublingHighMul equals VQRDMULH: both are floor((a*b + 2^30) / 2^31) with
//   INT32_MIN * INT32_MIN saturating (gemmlowp's negative nudge 1 - 2^30 with truncating division works
//   out to the same floor);
// - RoundingDivideByPOT (ties away from zero) is VRSHL by -right after subtracting 1 from negative
//   values when right > 0 (gemmlowp's NEON fix-up; saturating so INT32_MIN stays put).
// A layer whose shifts are all negative (RequantForm::kRightOnly, checked once per layer call since the
// shifts are constants) skips the left shift and the splitting of the shift: 13 instead of 17
// instructions per four channels.
// Only compiled for cores with integer MVE (__ARM_FEATURE_MVE bit 0).
#pragma once

#include <cstdint>

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include <arm_mve.h>
#define TINYAOT_RT_HAVE_MVE 1
#else
#define TINYAOT_RT_HAVE_MVE 0
#endif

// The Helium entry points dispatch on their parameters (fixed window or not, bias or not) through
// TINYAOT_RT_DISPATCH (dispatch.h): only the kernel forms a model uses are linked (kws on the M55: about
// 5 KB less code).
#include "tinyaot_rt/dispatch.h"

#if TINYAOT_RT_HAVE_MVE
// gcc's first scheduling pass hoists every independent vector load of an unrolled block above the
// multiplies that consume the earlier ones; with only eight vector registers the block then spills
// vectors to the stack. Kernels with such blocks turn that pass off for themselves.
#if defined(__GNUC__) && !defined(__clang__)
#define TINYAOT_RT_MVE_NO_SCHED __attribute__((optimize("no-schedule-insns")))
#else
#define TINYAOT_RT_MVE_NO_SCHED
#endif

namespace tinyaot_rt {
namespace mve {

/// RoundingDivideByPOT(x, -neg_right) per lane (neg_right <= 0): ties away from zero, like the reference.
inline int32x4_t rounding_shift_right(int32x4_t x, int32x4_t neg_right) {
  const int32x4_t fixup = vshrq_n_s32(vandq_s32(x, neg_right), 31);
  return vrshlq_s32(vqaddq_s32(x, fixup), neg_right);
}

/// Requantizes 4 accumulators of consecutive channels: (acc + bias) scaled per channel, + out_zp, clamped.
/// Returns int32 lanes holding the int8 results.
inline int32x4_t requantize4(int32x4_t acc, int32x4_t mult, int32x4_t shift, int32_t out_zp, int32_t act_min,
                             int32_t act_max) {
  const int32x4_t zero = vdupq_n_s32(0);
  const int32x4_t left = vmaxq_s32(shift, zero);
  const int32x4_t neg_right = vminq_s32(shift, zero);
  int32x4_t x = vshlq_s32(acc, left);
  x = vqrdmulhq_s32(x, mult);
  const int32x4_t fixup = vshrq_n_s32(vandq_s32(x, neg_right), 31);
  x = vrshlq_s32(vqaddq_s32(x, fixup), neg_right);
  x = vaddq_s32(x, vdupq_n_s32(out_zp));
  x = vmaxq_s32(x, vdupq_n_s32(act_min));
  return vminq_s32(x, vdupq_n_s32(act_max));
}

/// Requantizes n (1..4) accumulators of consecutive channels and stores them as int8.
inline void requant_store(int32x4_t acc, int32_t n, const int32_t* bias, const int32_t* mult,
                          const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max, int8_t* out) {
  const mve_pred16_t p = vctp32q(static_cast<uint32_t>(n));
  if (bias) acc = vaddq_s32(acc, vldrwq_z_s32(bias, p));
  const int32x4_t r = requantize4(acc, vldrwq_z_s32(mult, p), vldrwq_z_s32(shift, p), out_zp, act_min, act_max);
  vstrbq_p_s32(out, r, p);
}

/// How the shifts of a layer let requantization be shortened; checked once per layer call, since the
/// shifts are constants. kRightOnly: every shift is negative (a right shift of 1..31, no left shift), the
/// usual case for multipliers below one.
enum class RequantForm { kGeneral, kRightOnly };

/// The form of n per-channel shifts.
inline RequantForm requant_form(const int32_t* shift, int32_t n) {
  for (int32_t i = 0; i < n; ++i)
    if (shift[i] >= 0) return RequantForm::kGeneral;
  return RequantForm::kRightOnly;
}

/// requant_store_n with or without a bias (a separate loop each, so neither tests it per vector).
/// kRightOnly (all shifts negative): VSHL by zero and the max/min splitting of the shift drop out, and the
/// negative-value fix-up of rounding_shift_right is just the sign (x >> 31): same bits, four fewer
/// instructions per vector.
template <bool kBias, bool kRightOnly>
__attribute__((always_inline)) inline void requant_store_n_impl(const int32_t* acc, int32_t n, const int32_t* bias, const int32_t* mult,
                                 const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max,
                                 int8_t* out) {
  const int32x4_t zero = vdupq_n_s32(0), zp = vdupq_n_s32(out_zp);
  const int32x4_t lo = vdupq_n_s32(act_min), hi = vdupq_n_s32(act_max);
  auto scale = [&](int32x4_t a, int32x4_t sh, int32x4_t m) {
    if constexpr (kRightOnly) {
      // VQRDMULH cannot return INT32_MIN for a non-negative multiplier, so adding -1 never wraps.
      a = vqrdmulhq_s32(a, m);
      a = vrshlq_s32(vqaddq_s32(a, vshrq_n_s32(a, 31)), sh);
    } else {
      a = vqrdmulhq_s32(vshlq_s32(a, vmaxq_s32(sh, zero)), m);
      a = rounding_shift_right(a, vminq_s32(sh, zero));
    }
    a = vaddq_s32(a, zp);
    return vminq_s32(vmaxq_s32(a, lo), hi);
  };
  // Whole vectors without predication (a predicate costs a VCTP/VMSR/VPST per vector), then the tail.
  // The pointers themselves advance so the loads use post-increment (indexing added one ADD per array).
  for (; n >= 4; n -= 4, acc += 4, shift += 4, mult += 4, out += 4) {
    int32x4_t a = vldrwq_s32(acc);
    if constexpr (kBias) {
      a = vaddq_s32(a, vldrwq_s32(bias));
      bias += 4;
    }
    vstrbq_s32(out, scale(a, vldrwq_s32(shift), vldrwq_s32(mult)));
  }
  if (n > 0) {
    const mve_pred16_t p = vctp32q(static_cast<uint32_t>(n));
    int32x4_t a = vldrwq_z_s32(acc, p);
    if constexpr (kBias) a = vaddq_s32(a, vldrwq_z_s32(bias, p));
    vstrbq_p_s32(out, scale(a, vldrwq_z_s32(shift, p), vldrwq_z_s32(mult, p)), p);
  }
}

/// Requantizes and stores n consecutive channels of int32 accumulators in one loop: the zero point and
/// clamp vectors stay in registers. bias may be null; `form` must hold for shift[0..n).
inline void requant_store_n(const int32_t* acc, int32_t n, const int32_t* bias, const int32_t* mult,
                            const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max, int8_t* out,
                            RequantForm form = RequantForm::kGeneral) {
  if (form == RequantForm::kRightOnly) {
    if (bias) requant_store_n_impl<true, true>(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
    else requant_store_n_impl<false, true>(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
    return;
  }
  if (bias) requant_store_n_impl<true, false>(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
  else requant_store_n_impl<false, false>(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
}

}  // namespace mve
}  // namespace tinyaot_rt
#endif
