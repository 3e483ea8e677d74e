// tinyaot runtime: the fixed-window pixel of the Helium depthwise kernel (depthwise_conv2d_mve.h):
// depth multiplier 1, up to 25 taps, one pointer per tap (image or zero-point row, depthwise_window.h).
// Channels are the lanes, four per int32 vector: VLDRB.S32 widens four input bytes and four weights and
// one VMLA accumulates them, so a tap costs three instructions per four channels and the accumulators
// stay in channel order. They start from the bias and are requantized straight from the registers (no
// buffer, no VST2 reordering, no bias add), with the multiplier and shift vectors loaded once per four
// channels. Sixteen channels (four accumulators) per pass over the taps; eight for the last ones (the
// early mobilenet layers have eight channels), predicated when fewer remain.
#pragma once

#include <cstdint>

#include "tinyaot_rt/depthwise_window.h"
#include "tinyaot_rt/mve_requant.h"

#if TINYAOT_RT_HAVE_MVE
namespace tinyaot_rt {
namespace detail {

/// What a depthwise layer with depth multiplier 1 keeps for its whole call: the tap table
/// (depthwise_window.h) and the requantization form.
struct DwFixedCtx : DwTaps {
  mve::RequantForm form;
};

/// The DwFixedCtx of a layer (shift: its per-channel shifts).
inline DwFixedCtx dw_fixed_ctx(const DepthwiseConv2DParams& p, const int32_t* shift) {
  DwFixedCtx c;
  dw_fill_taps(p, c);
  c.form = mve::requant_form(shift, p.output_c);
  return c;
}

/// The output zero point and clamp of a layer (the clamp as int16 vectors, see dw_group_mve).
struct DwOutVec {
  int32_t zp;
  int16x8_t lo, hi;
};

/// One vector of accumulators (bias included) scaled (mve_requant.h; kRight: every shift negative),
/// before the zero point and the clamp.
template <bool kRight>
__attribute__((always_inline)) inline int32x4_t dw_scale4(int32x4_t a, int32x4_t m, int32x4_t sh) {
  if constexpr (kRight) {
    // VQRDMULH cannot return INT32_MIN for a non-negative multiplier, so adding -1 never wraps.
    a = vqrdmulhq_s32(a, m);
    return vrshlq_s32(vqaddq_s32(a, vshrq_n_s32(a, 31)), sh);
  } else {
    const int32x4_t zero = vdupq_n_s32(0);
    a = vqrdmulhq_s32(vshlq_s32(a, vmaxq_s32(sh, zero)), m);
    return mve::rounding_shift_right(a, vminq_s32(sh, zero));
  }
}

/// n (<= 8) consecutive int32 values from p split into even and odd elements (VLD2 when all eight are
/// there, a predicated gather for a tail so nothing past the array is read).
template <bool kTail>
__attribute__((always_inline)) inline int32x4x2_t dw_load_eo(const int32_t* p, int32_t n) {
  if constexpr (kTail) {
    const uint32x4_t even = vidupq_n_u32(0u, 2);  // 0, 2, 4, 6
    int32x4x2_t r;
    r.val[0] = vldrwq_gather_shifted_offset_z_s32(p, even, vctp32q(static_cast<uint32_t>((n + 1) / 2)));
    r.val[1] = vldrwq_gather_shifted_offset_z_s32(p + 1, even, vctp32q(static_cast<uint32_t>(n / 2)));
    return r;
  } else {
    (void)n;
    return vld2q_s32(p);
  }
}

/// Channels [j, j + 8 * kHalves) of one output pixel over the taps x[t] (at chunk offset 0) and filter
/// rows w + t * w_step, requantized into out (arrays at chunk offset 0). Eight channels per VLDRB.S16;
/// VMULLB / VMULLT accumulate the even and odd channels (MVE has no vector-by-vector VMLA), so the
/// accumulators start from the bias and take the multiplier and shift split the same way (VLD2), and
/// VQMOVNB / VQMOVNT put each eight results back in channel order for one narrowing VSTRB.16.
/// kTail: only `left` (< 8 * kHalves) channels remain; loads and the store predicated.
/// The taps stay a loop: unrolled, gcc hoisted every load and spilled vectors to the stack.
template <int kHalves, bool kTail>
__attribute__((always_inline)) inline void dw_group_mve(const int8_t* const* x, int32_t taps, const int8_t* w,
                                                        int32_t w_step, int32_t j, int32_t left, bool right,
                                                        const int32_t* bias, const int32_t* mult,
                                                        const int32_t* shift, const DwOutVec& o, int8_t* out) {
  const int32_t left1 = left > 8 ? left - 8 : 0;
  const mve_pred16_t p0 = vctp16q(static_cast<uint32_t>(left)), p1 = vctp16q(static_cast<uint32_t>(left1));
  const int32x4x2_t b0 = dw_load_eo<kTail>(bias + j, left);
  int32x4_t e0 = b0.val[0], o0 = b0.val[1], e1 = e0, o1 = o0;
  if constexpr (kHalves == 2) {
    const int32x4x2_t b1 = dw_load_eo<kTail>(bias + j + 8, left1);
    e1 = b1.val[0];
    o1 = b1.val[1];
  }
  const int8_t* wp = w + j;
  for (int32_t t = 0; t < taps; ++t, wp += w_step) {
    const int8_t* xp = x[t] + j;
    const int16x8_t x0 = kTail ? vldrbq_z_s16(xp, p0) : vldrbq_s16(xp);
    const int16x8_t w0 = kTail ? vldrbq_z_s16(wp, p0) : vldrbq_s16(wp);
    e0 = vaddq_s32(e0, vmullbq_int_s16(x0, w0));
    o0 = vaddq_s32(o0, vmulltq_int_s16(x0, w0));
    if constexpr (kHalves == 2) {
      const int16x8_t x1 = kTail ? vldrbq_z_s16(xp + 8, p1) : vldrbq_s16(xp + 8);
      const int16x8_t w1 = kTail ? vldrbq_z_s16(wp + 8, p1) : vldrbq_s16(wp + 8);
      e1 = vaddq_s32(e1, vmullbq_int_s16(x1, w1));
      o1 = vaddq_s32(o1, vmulltq_int_s16(x1, w1));
    }
  }
  auto finish = [&](int32x4_t e, int32x4_t od, int32_t c, int32_t n, mve_pred16_t pr) __attribute__((always_inline)) {
    const int32x4x2_t m = dw_load_eo<kTail>(mult + c, n), sh = dw_load_eo<kTail>(shift + c, n);
    int32x4_t re, ro;
    if (right) {
      re = dw_scale4<true>(e, m.val[0], sh.val[0]);
      ro = dw_scale4<true>(od, m.val[1], sh.val[1]);
    } else {
      re = dw_scale4<false>(e, m.val[0], sh.val[0]);
      ro = dw_scale4<false>(od, m.val[1], sh.val[1]);
    }
    // Saturating to int16 first (back in channel order), then the zero point (saturating) and the clamp
    // on eight lanes: same bytes as adding and clamping in int32, since the clamp lies inside int8.
    // (VQMOVNB keeps the odd halves of its first operand, which VQMOVNT then overwrites: any vector will do.)
    int16x8_t r = vqmovntq_s32(vqmovnbq_s32(vreinterpretq_s16_s32(re), re), ro);
    r = vminq_s16(vmaxq_s16(vqaddq_n_s16(r, static_cast<int16_t>(o.zp)), o.lo), o.hi);
    if (kTail) vstrbq_p_s16(out + c, r, pr);
    else vstrbq_s16(out + c, r);
  };
  finish(e0, o0, j, left, p0);
  if constexpr (kHalves == 2) finish(e1, o1, j + 8, left1, p1);
}

/// Every channel of output pixel (oy, ox) of a dw_fixed_ok() layer with a bias: per chunk of 64
/// channels one pointer per tap, sixteen channels per pass over the taps (dw_group_mve). `right`: every
/// shift a right shift (ctx.form), a branch per four channels. Always inlined into a caller that walks all
/// pixels of the layer (depthwise_mve_fixed_run, the in-place walk): a call per pixel cost about 80
/// instructions, as much as the taps of an 8-channel layer.
__attribute__((always_inline)) inline void depthwise_mve_pixel_fixed(const DepthwiseConv2DParams& p, bool right,
                                                                     const DwFixedCtx& ctx, const DwOutVec& o,
                                                                     const int8_t* in_b, const int8_t* filter,
                                                                     const int32_t* bias, const int32_t* mult,
                                                                     const int32_t* shift, int32_t oy, int32_t ox,
                                                                     int8_t* out) {
  const int32_t c_n = p.output_c, taps = p.filter_h * p.filter_w;
  const int8_t* x[kDwFixedMaxTaps];
  dw_tap_pointers(p, ctx, in_b, oy, ox, x);
  for (int32_t c0 = 0; c0 < c_n; c0 += 64) {
    const int32_t chunk = c_n - c0 < 64 ? c_n - c0 : 64;
    if (c0 > 0) dw_next_chunk(ctx, taps, x);
    const int8_t* w = filter + c0;
    int32_t j = 0;
    for (; j + 16 <= chunk; j += 16)
      dw_group_mve<2, false>(x, taps, w, c_n, j, 16, right, bias + c0, mult + c0, shift + c0, o, out + c0);
    if (j + 8 <= chunk) {
      dw_group_mve<1, false>(x, taps, w, c_n, j, 8, right, bias + c0, mult + c0, shift + c0, o, out + c0);
      j += 8;
    }
    if (j < chunk)
      dw_group_mve<1, true>(x, taps, w, c_n, j, chunk - j, right, bias + c0, mult + c0, shift + c0, o, out + c0);
  }
}

}  // namespace detail
}  // namespace tinyaot_rt
#endif
