// tinyaot runtime: the requantization of the DSP kernels (Cortex-M4, M7, M33) for right shifts, in one
// 64-bit multiply-accumulate (SMLAL) instead of the reference's high multiply followed by a separate
// rounding shift: about 12 instructions per output instead of about 28, bit for bit the same (the
// derivation is at requant_right_high; tests/unit/dsp_requant_test.cpp checks the formula on the host,
// the QEMU kernel self-test the assembly on the boards). Left shifts keep requantize_fast().
#pragma once

#include <climits>
#include <cstdint>

#include "tinyaot_rt/conv_common.h"
#include "tinyaot_rt/dsp_intrinsics.h"
#include "tinyaot_rt/requant_fast.h"

namespace tinyaot_rt {
namespace detail {

/// The reference requantization (conv_common.h requantize()) of an accumulator `a` (bias added) for a
/// right shift e = -shift >= 1 and a multiplier m in [0, 2^31), before the zero point, in one 64-bit
/// sum: with x = SaturatingRoundingDoublingHighMul(a, m) = floor((a*m + 2^30) / 2^31) (requant_fast.h),
/// RoundingDivideByPOT(x, e) = floor((x + 2^(e-1) - [x < 0]) / 2^e); [x < 0] may be replaced by [a < 0]
/// (they differ only when x = 0, where both give 0), and floor((floor(y) + c) / n) = floor((y + c) / n),
/// so the result is floor((a*m + 2^30 + 2^(30+e) - [a < 0] * 2^31) / 2^(31+e)): SMLAL onto the constant,
/// the sign term, and the high word shifted by e - 1. k_lo / k_hi: the constant 2^30 + 2^(30+e).
__attribute__((always_inline)) inline int32_t requant_right_high(int32_t a, int32_t m, uint32_t k_lo, int32_t k_hi) {
#if TINYAOT_RT_HAVE_DSP
  uint32_t lo = k_lo, t;
  int32_t hi = k_hi;
  __asm__("smlal %[lo], %[hi], %[a], %[m]\n\t"
          "and %[t], %[a], #0x80000000\n\t"
          "adds %[lo], %[lo], %[t]\n\t"
          "adc %[hi], %[hi], %[a], asr #31"
          : [lo] "+&r"(lo), [hi] "+&r"(hi), [t] "=&r"(t)
          : [a] "r"(a), [m] "r"(m)
          : "cc");
  return hi;
#else
  const int64_t k = static_cast<int64_t>((static_cast<uint64_t>(static_cast<uint32_t>(k_hi)) << 32) | k_lo);
  const int64_t p = static_cast<int64_t>(a) * m + k - (a < 0 ? (int64_t{1} << 31) : 0);
  return static_cast<int32_t>(p >> 32);
#endif
}

/// The constant 2^30 + 2^(30+e) of requant_right_high() for a right shift e >= 1.
struct RightShiftConst {
  uint32_t lo;
  int32_t hi;
};
__attribute__((always_inline)) inline RightShiftConst right_shift_const(int32_t e) {
  return {e == 1 ? 0xC0000000u : 0x40000000u, e >= 2 ? static_cast<int32_t>(1u << (e - 2)) : 0};
}

/// The requantization of two pixels' sums acc_a / acc_b of n channels: per channel the constants are
/// loaded once for both, a right shift takes requant_right_high(), other shifts requantize_fast().
template <bool kSat8>
inline void requant_pair_dsp(const int32_t* acc_a, const int32_t* acc_b, int32_t n, const int32_t* bias,
                             const int32_t* mult, const int32_t* shift, int32_t out_zp, int32_t act_min,
                             int32_t act_max, int8_t* out_a, int8_t* out_b) {
  for (int32_t c = 0; c < n; ++c) {
    int32_t a = acc_a[c], b = acc_b[c];
    if (bias) {
      a = add_wrap(a, bias[c]);
      b = add_wrap(b, bias[c]);
    }
    const int32_t m = mult[c], s = shift[c];
    int32_t ra, rb;
    if (s < 0) {
      const RightShiftConst k = right_shift_const(-s);
      ra = (requant_right_high(a, m, k.lo, k.hi) >> (-s - 1)) + out_zp;
      rb = (requant_right_high(b, m, k.lo, k.hi) >> (-s - 1)) + out_zp;
    } else {
      ra = requantize_fast(a, m, s, out_zp, INT32_MIN, INT32_MAX);
      rb = requantize_fast(b, m, s, out_zp, INT32_MIN, INT32_MAX);
    }
    if constexpr (kSat8) {
      out_a[c] = static_cast<int8_t>(clamp_s8(ra));
      out_b[c] = static_cast<int8_t>(clamp_s8(rb));
    } else {
      out_a[c] = static_cast<int8_t>(clamp_i32(ra, act_min, act_max));
      out_b[c] = static_cast<int8_t>(clamp_i32(rb, act_min, act_max));
    }
  }
}

}  // namespace detail
}  // namespace tinyaot_rt
