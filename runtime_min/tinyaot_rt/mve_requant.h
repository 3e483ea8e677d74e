// tinyaot runtime: Helium (MVE) requantization of four int32 accumulators at once, bit-exact with the
// scalar reference (conv_common.h requantize()).
// - x * 2^left wraps like TFLite's int32 multiply: VSHL (register), which does not saturate;
// - SaturatingRoundingDoublingHighMul equals VQRDMULH: both are floor((a*b + 2^30) / 2^31) with
//   INT32_MIN * INT32_MIN saturating (gemmlowp's negative nudge 1 - 2^30 with truncating division works
//   out to the same floor);
// - RoundingDivideByPOT (ties away from zero) is VRSHL by -right after subtracting 1 from negative
//   values when right > 0 (gemmlowp's NEON fix-up; saturating so INT32_MIN stays put).
// Only compiled for cores with integer MVE (__ARM_FEATURE_MVE bit 0).
#pragma once

#include <cstdint>

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include <arm_mve.h>
#define TINYAOT_RT_HAVE_MVE 1
#else
#define TINYAOT_RT_HAVE_MVE 0
#endif

#if TINYAOT_RT_HAVE_MVE
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

/// requant_store_n with or without a bias (a separate loop each, so neither tests it per vector).
template <bool kBias>
inline void requant_store_n_impl(const int32_t* acc, int32_t n, const int32_t* bias, const int32_t* mult,
                                 const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max,
                                 int8_t* out) {
  const int32x4_t zero = vdupq_n_s32(0), zp = vdupq_n_s32(out_zp);
  const int32x4_t lo = vdupq_n_s32(act_min), hi = vdupq_n_s32(act_max);
  auto scale = [&](int32x4_t a, int32x4_t sh, int32x4_t m) {
    a = vqrdmulhq_s32(vshlq_s32(a, vmaxq_s32(sh, zero)), m);
    a = vaddq_s32(rounding_shift_right(a, vminq_s32(sh, zero)), zp);
    return vminq_s32(vmaxq_s32(a, lo), hi);
  };
  int32_t i = 0;
  // Whole vectors without predication (a predicate costs a VCTP/VMSR/VPST per vector), then the tail.
  for (; i + 4 <= n; i += 4) {
    int32x4_t a = vldrwq_s32(acc + i);
    if (kBias) a = vaddq_s32(a, vldrwq_s32(bias + i));
    vstrbq_s32(out + i, scale(a, vldrwq_s32(shift + i), vldrwq_s32(mult + i)));
  }
  if (i < n) {
    const mve_pred16_t p = vctp32q(static_cast<uint32_t>(n - i));
    int32x4_t a = vldrwq_z_s32(acc + i, p);
    if (kBias) a = vaddq_s32(a, vldrwq_z_s32(bias + i, p));
    vstrbq_p_s32(out + i, scale(a, vldrwq_z_s32(shift + i, p), vldrwq_z_s32(mult + i, p)), p);
  }
}

/// Requantizes and stores n consecutive channels of int32 accumulators in one loop: the zero point and
/// clamp vectors stay in registers. bias may be null.
inline void requant_store_n(const int32_t* acc, int32_t n, const int32_t* bias, const int32_t* mult,
                            const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max, int8_t* out) {
  if (bias) requant_store_n_impl<true>(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
  else requant_store_n_impl<false>(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
}

}  // namespace mve
}  // namespace tinyaot_rt
#endif
