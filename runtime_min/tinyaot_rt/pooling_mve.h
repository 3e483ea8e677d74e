// tinyaot runtime: int8 AVERAGE_POOL_2D for Helium cores (M55, M85), bit-exact with average_pool()
// (pooling.h). 16 channels per pass over the window: two VLDRB.S16 (widening loads) and two VADD.I16 per
// tap (int16 sums cannot overflow for up to 255 taps); the average on eight int16 lanes at a time with
// the division of pooling_dsp.h (VABS, VADD c/2, VMULH.U16 by M, VSHL by -k, VNEG where the sum is
// negative), VMAX/VMIN, VSTRB.16. A window whose columns span the input's width is one run of taps.
// The last partial block of channels is predicated (VCTP). Filters of more than 255 taps, int16 and
// builds without MVE use pooling.h's kernel (decided in the inlined dispatch).
#pragma once

#include <cstdint>

#include "tinyaot_rt/mve_requant.h"  // first: defines TINYAOT_RT_DISPATCH
#include "tinyaot_rt/pooling.h"
#include "tinyaot_rt/pooling_dsp.h"

namespace tinyaot_rt {

#if TINYAOT_RT_HAVE_MVE
namespace pool_detail {

/// Averages of eight int16 channel sums, stored as int8 under predicate pr. Not inlined: four call sites
/// per kernel, and the call costs less than the flash of the copies.
__attribute__((noinline)) inline void mve_average8(int16x8_t a, const PoolDivisor& d, int16x8_t lo, int16x8_t hi, int8_t* out,
                                      mve_pred16_t pr) {
  const uint16x8_t b = vaddq_n_u16(vreinterpretq_u16_s16(vabsq_s16(a)), static_cast<uint16_t>(d.half));
  const uint16x8_t q = vshlq_r_u16(vmulhq_u16(b, vdupq_n_u16(static_cast<uint16_t>(d.mult))), 16 - d.shift);
  int16x8_t r = vreinterpretq_s16_u16(q);
  r = vnegq_m_s16(r, r, vcmpltq_n_s16(a, 0));
  vstrbq_p_s16(out, vminq_s16(vmaxq_s16(r, lo), hi), pr);
}

/// Sums 16 channels (the first `n` of them when kTail) over the window runs and stores their averages.
template <bool kTail>
inline void mve_block(const int8_t* first, int32_t rows, int32_t cols, int32_t row_step,
                                   int32_t tap_step, const PoolDivisor& d, int16x8_t lo, int16x8_t hi, int8_t* out,
                                   int32_t n) {
  const mve_pred16_t p0 = kTail ? vctp16q(static_cast<uint32_t>(n)) : vctp16q(8u);
  const mve_pred16_t p1 = kTail ? vctp16q(static_cast<uint32_t>(n > 8 ? n - 8 : 0)) : vctp16q(8u);
  int16x8_t acc0 = vdupq_n_s16(0), acc1 = vdupq_n_s16(0);
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* px = first + r * row_step;
    for (int32_t k = 0; k < cols; ++k, px += tap_step) {
      if constexpr (kTail) {
        acc0 = vaddq_s16(acc0, vldrbq_z_s16(px, p0));
        acc1 = vaddq_s16(acc1, vldrbq_z_s16(px + 8, p1));
      } else {
        acc0 = vaddq_s16(acc0, vldrbq_s16(px));
        acc1 = vaddq_s16(acc1, vldrbq_s16(px + 8));
      }
    }
  }
  mve_average8(acc0, d, lo, hi, out, p0);
  mve_average8(acc1, d, lo, hi, out + 8, p1);
}

}  // namespace pool_detail
#endif

#if TINYAOT_RT_HAVE_MVE
namespace pool_detail {

/// The Helium kernel for int8 and filters of at most 255 taps; one copy shared by all call sites. kTail:
/// channels % 16 != 0 (the predicated block is linked only then).
template <bool kTail>
__attribute__((noinline)) void average_pool_s8_mve(const PoolParams& p, const int8_t* input, int8_t* output) {
  PoolDivisor d;
  const int16x8_t lo = vdupq_n_s16(static_cast<int16_t>(p.act_min));
  const int16x8_t hi = vdupq_n_s16(static_cast<int16_t>(p.act_max));
  detail::for_each_window(p, [&](int32_t out_index, int32_t y0, int32_t y1, int32_t x0, int32_t x1,
                                 int32_t in_base) {
    int8_t* out = output + out_index;
    set_divisor(d, (y1 - y0) * (x1 - x0));
    int32_t rows = y1 - y0, cols = x1 - x0;
    if (cols == p.input_width) cols *= rows, rows = 1;
    const int8_t* first = input + in_base + (y0 * p.input_width + x0) * p.channels;
    const int32_t row_step = p.input_width * p.channels;
    int32_t c = 0;
    for (; c + 16 <= p.channels; c += 16)
      mve_block<false>(first + c, rows, cols, row_step, p.channels, d, lo, hi, out + c, 16);
    if (kTail) mve_block<true>(first + c, rows, cols, row_step, p.channels, d, lo, hi, out + c, p.channels - c);
  });
}

}  // namespace pool_detail
#endif

/// average_pool (pooling.h), Helium kernel for int8. The dispatch is inlined into invoke() (constexpr
/// parameters fold it).
template <typename T>
TINYAOT_RT_DISPATCH void average_pool_mve(const PoolParams& p, const T* input, T* output) {
#if TINYAOT_RT_HAVE_MVE
  if constexpr (sizeof(T) == 1) {
    if (p.filter_height * p.filter_width <= 255) {
      if (p.channels % 16 != 0) pool_detail::average_pool_s8_mve<true>(p, input, output);
      else pool_detail::average_pool_s8_mve<false>(p, input, output);
      return;
    }
  }
#endif
  average_pool(p, input, output);
}

}  // namespace tinyaot_rt
