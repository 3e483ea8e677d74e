// tinyaot runtime: the fast fixed-window form of the DSP depthwise kernel (depthwise_conv2d_dsp.h) for
// layers whose shifts are all right shifts (the usual case: multipliers below one). Two savings:
// - Pre-split weights: when channels * taps <= kDwSplitWords * 2 (and channels <= 64), the layer call
//   splits every weight word once into its SXTB16 / SXTB16 ROR #8 halves, stored per 4-channel group
//   and tap, so a tap is one LDRD of weights, one LDR of input, two SXTB16 and four SMLABB/SMLATT
//   (instead of also loading and splitting the weights for every pixel).
// - Exact requantization in one SMLAL with the output zero point folded in (requant_dsp.h
//   requant_right_zp): 13 instructions per channel with the loads, the clamp and the store, instead of
//   26. Shifts down to -23; the accumulators start from the bias.
#pragma once

#include <cstdint>

#include "tinyaot_rt/depthwise_window.h"
#include "tinyaot_rt/dsp_intrinsics.h"
#include "tinyaot_rt/requant_dsp.h"
#include "tinyaot_rt/requant_fast.h"

// gcc's first scheduling pass hoists the loads of the unrolled 3x3 block and spills (13 registers).
#if defined(__GNUC__) && !defined(__clang__)
#define TINYAOT_RT_DW_NO_SCHED __attribute__((optimize("no-schedule-insns")))
#else
#define TINYAOT_RT_DW_NO_SCHED
#endif

namespace tinyaot_rt {
namespace detail {

/// Words of pre-split weights a DSP depthwise layer keeps on the stack (1152 bytes): two per 4-channel
/// group and tap, enough for 64 channels of 3x3 or 20 channels of 5x5.
constexpr int32_t kDwSplitWords = 2 * 64 * 9 / 4;

/// The fixed-window context of a DSP depthwise layer: the tap table, whether every shift is a right
/// shift of 1..23 with a multiplier in [2^30, 2^31) or 0 (the fast requantization holds), and the
/// pre-split weights.
struct DwDspCtx : DwTaps {
  bool right;
  bool split;
  int32_t wsplit[kDwSplitWords];  ///< group g, tap t: SXTB16(w) at [2 * (g * taps + t)], ROR #8 form next
};

/// Fills the DwDspCtx of a layer (filter: 1HWO, shift / mult: per channel).
inline void dw_dsp_fill_ctx(const DepthwiseConv2DParams& p, const int8_t* filter, const int32_t* mult,
                            const int32_t* shift, DwDspCtx& c) {
  dw_fill_taps(p, c);
  const int32_t c_n = p.output_c, taps = p.filter_h * p.filter_w;
  c.right = true;
  for (int32_t i = 0; i < c_n; ++i)
    if (shift[i] > -1 || shift[i] < -23 || (mult[i] != 0 && mult[i] < (int32_t{1} << 30))) c.right = false;
  c.split = c.right && c_n <= 64 && c_n * taps <= 2 * kDwSplitWords;
  if (!c.split) return;
  int32_t* o = c.wsplit;
  for (int32_t g = 0; g < c_n; g += 4)
    for (int32_t t = 0; t < taps; ++t, o += 2) {
      const int32_t wv = dsp::load_s8x4(filter + t * c_n + g);
      o[0] = dsp::sxtb16(wv);
      o[1] = dsp::sxtb16_ror8(wv);
    }
}

/// The DwDspCtx of a layer (returned by value: guaranteed elision).
inline DwDspCtx dw_dsp_ctx(const DepthwiseConv2DParams& p, const int8_t* filter, const int32_t* mult,
                           const int32_t* shift) {
  DwDspCtx c;
  dw_dsp_fill_ctx(p, filter, mult, shift, c);
  return c;
}

/// Every channel of output pixel (oy, ox) of a layer with ctx.right (and a bias): the fixed-window walk
/// of depthwise_dsp_pixel_fixed with requant_right_zp (requant_dsp.h), the accumulators starting from the bias.
/// kSplit: ctx.split (weights pre-split; at most 64 channels, so one chunk and one loop over groups).
/// kSat8: the activation range is the whole int8 range (one SSAT).
template <bool kSat8, bool kSplit>
TINYAOT_RT_DW_NO_SCHED inline void depthwise_dsp_pixel_fast(const DepthwiseConv2DParams& p, const DwDspCtx& ctx, const int8_t* in_b,
                                     const int8_t* filter, const int32_t* bias, const int32_t* mult,
                                     const int32_t* shift, int32_t oy, int32_t ox, int8_t* out) {
  // Locals: the int8 stores to `out` may alias `p`, which would make gcc reload every field per output.
  const int32_t c_n = p.output_c, taps = p.filter_h * p.filter_w;
  const int32_t z = 1 + 2 * p.output_zero_point, act_min = p.act_min, act_max = p.act_max;
  const int8_t* x[kDwFixedMaxTaps];
  dw_tap_pointers(p, ctx, in_b, oy, ox, x);
  const int32_t* ws = ctx.wsplit;
  for (int32_t c0 = 0; c0 < c_n; c0 += 64) {
    const int32_t chunk = kSplit ? c_n : (c_n - c0 < 64 ? c_n - c0 : 64);
    if (!kSplit && c0 > 0) dw_next_chunk(ctx, taps, x);
    for (int32_t c = 0; c < chunk; c += 4) {
      const int32_t oc = c0 + c;
      int32_t a0 = bias[oc], a1 = bias[oc + 1], a2 = bias[oc + 2], a3 = bias[oc + 3];
      const int8_t* w = filter + oc;
      // One tap; a 3x3 window unrolled when the weights are pre-split (a loop counter per tap cost two
      // of about ten instructions), other windows a loop.
      auto tap = [&](const int8_t* xt) __attribute__((always_inline)) {
        const int32_t xv = dsp::load_s8x4(xt + c);
        const int32_t xe = dsp::sxtb16(xv), xo = dsp::sxtb16_ror8(xv);
        int32_t we, wo;
        if constexpr (kSplit) {
          we = ws[0];
          wo = ws[1];
          ws += 2;
        } else {
          const int32_t wv = dsp::load_s8x4(w);
          we = dsp::sxtb16(wv);
          wo = dsp::sxtb16_ror8(wv);
          w += c_n;
        }
        a0 = dsp::smlabb(xe, we, a0);
        a2 = dsp::smlatt(xe, we, a2);
        a1 = dsp::smlabb(xo, wo, a1);
        a3 = dsp::smlatt(xo, wo, a3);
      };
      const int8_t* const* xt = x;
      if (kSplit && taps == 9) {
        // Constant indices: the tap pointers are loads at stack offsets (a moving pointer was spilled).
        tap(x[0]);
        tap(x[1]);
        tap(x[2]);
        tap(x[3]);
        tap(x[4]);
        tap(x[5]);
        tap(x[6]);
        tap(x[7]);
        tap(x[8]);
        xt += 9;
      }
      for (; xt != x + taps; ++xt) tap(*xt);
      auto store = [&](int32_t i, int32_t acc) __attribute__((always_inline)) {
        const int32_t v = requant_right_zp(acc, mult[oc + i], shift[oc + i], z);
        if constexpr (kSat8) {
          out[oc + i] = static_cast<int8_t>(clamp_s8(v));
        } else {
          const int32_t lo = v > act_min ? v : act_min;
          out[oc + i] = static_cast<int8_t>(lo < act_max ? lo : act_max);
        }
      };
      store(0, a0);
      store(1, a1);
      store(2, a2);
      store(3, a3);
    }
    if (kSplit) break;
  }
}

}  // namespace detail
}  // namespace tinyaot_rt
