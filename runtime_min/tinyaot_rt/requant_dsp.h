// tinyaot runtime: the requantization of the DSP kernels (Cortex-M4, M7, M33) for right shifts, in one
// 64-bit multiply-accumulate (SMLAL) with the output zero point folded in, instead of the reference's high
// multiply followed by a separate rounding shift: about 12 instructions per output instead of about 28,
// bit for bit the same (derivation at requant_right_zp; tests/unit/dsp_requant_test.cpp checks it against
// requantize() on the host for every shift and extreme values, the QEMU kernel self-test on the boards).
// Left shifts and right shifts beyond 23 keep requantize_fast().
#pragma once

#include <climits>
#include <cstdint>

#include "tinyaot_rt/conv_common.h"
#include "tinyaot_rt/dsp_intrinsics.h"
#include "tinyaot_rt/requant_fast.h"

namespace tinyaot_rt {
namespace detail {

/// The reference requantization (conv_common.h requantize()) of an accumulator `a` (bias added) for a
/// right shift r = -shift in [1, 23] and a multiplier m in [2^30, 2^31) or 0, output zero point included,
/// before the clamp, in one 64-bit multiply-accumulate (gcc emits one SMLAL):
/// with h = SaturatingRoundingDoublingHighMul(a, m) = floor((a*m + 2^30) / 2^31) (requant_fast.h),
/// RoundingDivideByPOT(h, r) = floor((h + 2^(r-1) - [h < 0]) / 2^r); [h < 0] may be replaced by [a < 0]
/// (they differ only when h = 0, where both give 0), and floor((floor(y) + c) / n) = floor((y + c) / n),
/// so the result is floor((a*m + 2^30 + q*2^31) / 2^(31+r)) with q = 2^(r-1) - [a < 0]; adding
/// zp * 2^r to q adds the output zero point. z = 1 + 2 * output_zero_point (|z| < 2^9, so z << 22 fits).
/// The constant is the SMLAL accumulator pair (hi = q >> 1, lo = (q & 1) << 31 | 2^30); the result is
/// hi >> (r - 1).
__attribute__((always_inline)) inline int32_t requant_right_zp(int32_t a, int32_t m, int32_t shift, int32_t z) {
  const int32_t rm1 = ~shift;  // r - 1
  const int32_t q = static_cast<int32_t>(static_cast<uint32_t>(z) << rm1) + (a < 0 ? -1 : 0);
  const uint32_t lo = (static_cast<uint32_t>(q) << 31) | 0x40000000u;
  const int64_t k = static_cast<int64_t>((static_cast<uint64_t>(static_cast<uint32_t>(q >> 1)) << 32) | lo);
  const int64_t x = k + static_cast<int64_t>(a) * m;
  return static_cast<int32_t>(static_cast<uint64_t>(x) >> 32) >> rm1;
}

/// True when requant_right_zp() holds for the shift (a right shift of 1 to 23).
inline bool requant_right_zp_ok(int32_t shift) { return shift <= -1 && shift >= -23; }

/// The requantization of two pixels' sums acc_a / acc_b of n channels: per channel the constants are
/// loaded once for both, right shifts of 1 to 23 take requant_right_zp(), others requantize_fast().
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
    if (requant_right_zp_ok(s)) {
      const int32_t z = 1 + 2 * out_zp;
      ra = requant_right_zp(a, m, s, z);
      rb = requant_right_zp(b, m, s, z);
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
