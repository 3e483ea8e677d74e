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
/// (depthwise_window.h), the requantization form and img[t] = where tap t of a window at the image's
/// origin reads (in_b + rel[t]): a window inside the image reads img[t] + its offset, so its pixel
/// needs no tap table of its own (filling one cost about 50 instructions per pixel).
struct DwFixedCtx : DwTaps {
  mve::RequantForm form;
  const int8_t* img[kDwFixedMaxTaps];
};

/// Points ctx.img at image in_b.
inline void dw_fixed_image(const DepthwiseConv2DParams& p, const int8_t* in_b, DwFixedCtx& c) {
  for (int32_t t = 0; t < p.filter_h * p.filter_w; ++t) c.img[t] = in_b + c.rel[t];
}

/// The DwFixedCtx of a layer (shift: its per-channel shifts) over image in_b.
inline DwFixedCtx dw_fixed_ctx(const DepthwiseConv2DParams& p, const int32_t* shift, const int8_t* in_b) {
  DwFixedCtx c;
  dw_fill_taps(p, c);
  c.form = mve::requant_form(shift, p.output_c);
  dw_fixed_image(p, in_b, c);
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

/// Eight accumulators (bias included; even channels in e, odd in od) requantized with the even / odd
/// multipliers m and shifts sh, back in channel order as int16 lanes ready for a narrowing VSTRB.16.
__attribute__((always_inline)) inline int16x8_t dw_requant8(int32x4_t e, int32x4_t od, const int32x4x2_t& m,
                                                            const int32x4x2_t& sh, bool right, const DwOutVec& o) {
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
  // (VQMOVNB keeps the odd halves of its first operand, which VQMOVNT then overwrites: an uninitialized
  // vector, so gcc needs no copy of re to narrow into.)
  const int16x8_t r = vqmovntq_s32(vqmovnbq_s32(vuninitializedq_s16(), re), ro);
  return vminq_s16(vmaxq_s16(vqaddq_n_s16(r, static_cast<int16_t>(o.zp)), o.lo), o.hi);
}

/// Channels [j, j + 8 * kHalves) of one output pixel over the taps x[t] + d (at chunk offset 0) and filter
/// rows w + t * w_step, requantized into out (arrays at chunk offset 0). Eight channels per VLDRB.S16;
/// VMULLB / VMULLT accumulate the even and odd channels (MVE has no vector-by-vector VMLA), so the
/// accumulators start from the bias and take the multiplier and shift split the same way (VLD2), and
/// VQMOVNB / VQMOVNT put each eight results back in channel order for one narrowing VSTRB.16.
/// kTail: only `left` (< 8 * kHalves) channels remain; loads and the store predicated.
/// The taps stay a loop: unrolled, gcc hoisted every load and spilled vectors to the stack.
template <int kHalves, bool kTail>
__attribute__((always_inline)) inline void dw_group_mve(const int8_t* const* x, int32_t d, int32_t taps, const int8_t* w,
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
  const int32_t dj = d + j;
  for (int32_t t = 0; t < taps; ++t, wp += w_step) {
    const int8_t* xp = x[t] + dj;
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
    const int16x8_t r = dw_requant8(e, od, m, sh, right, o);
    if (kTail) vstrbq_p_s16(out + c, r, pr);
    else vstrbq_s16(out + c, r);
  };
  finish(e0, o0, j, left, p0);
  if constexpr (kHalves == 2) finish(e1, o1, j + 8, left1, p1);
}

/// Two output pixels of an 8-channel layer whose windows are inside the image, the second one's taps
/// `delta` bytes after the first one's (x[t] + d): each weight vector load, pointer step and loop branch
/// serves both pixels, and the bias, multipliers and shifts are loaded once. Written to out_a, out_b.
/// Not inlined: the plain walk and the in-place walk share one copy (flash), a call per two pixels.
__attribute__((noinline)) inline void dw_pair8_mve(const int8_t* const* x, int32_t d, int32_t delta,
                                                        int32_t taps, const int8_t* w, bool right,
                                                        const int32_t* bias, const int32_t* mult,
                                                        const int32_t* shift, const DwOutVec& o, int8_t* out_a,
                                                        int8_t* out_b) {
  const int32x4x2_t b = vld2q_s32(bias);
  int32x4_t ea = b.val[0], oa = b.val[1], eb = ea, ob = oa;
  for (int32_t t = 0; t < taps; ++t, w += 8) {
    const int8_t* xp = x[t] + d;
    const int16x8_t wv = vldrbq_s16(w);
    const int16x8_t xa = vldrbq_s16(xp);
    ea = vaddq_s32(ea, vmullbq_int_s16(xa, wv));
    oa = vaddq_s32(oa, vmulltq_int_s16(xa, wv));
    const int16x8_t xb = vldrbq_s16(xp + delta);
    eb = vaddq_s32(eb, vmullbq_int_s16(xb, wv));
    ob = vaddq_s32(ob, vmulltq_int_s16(xb, wv));
  }
  // One requantization in a loop over the two pixels: unrolled, its four copies (two forms) cost
  // about 250 bytes of flash for two instructions per pixel.
  const int32x4x2_t m = vld2q_s32(mult), sh = vld2q_s32(shift);
  int32x4_t acc[4] = {ea, oa, eb, ob};
  int8_t* outs[2] = {out_a, out_b};
#pragma GCC unroll 1
  for (int32_t i = 0; i < 2; ++i) vstrbq_s16(outs[i], dw_requant8(acc[2 * i], acc[2 * i + 1], m, sh, right, o));
}

/// Every channel of output pixel (oy, ox) of a dw_fixed_ok() layer with a bias: per chunk of 64
/// channels one pointer per tap, sixteen channels per pass over the taps (dw_group_mve). A window inside
/// the image reads ctx.img (taps at fixed offsets) moved by its offset; a border window gets its own tap
/// table (dw_tap_pointers). `right`: every shift a right shift (ctx.form), a branch per four channels.
/// Always inlined into the one walk over all pixels of the layer (depthwise_mve_walk.h): a call per pixel
/// cost about 80 instructions, as much as the taps of an 8-channel layer.
__attribute__((always_inline)) inline void depthwise_mve_pixel_fixed(const DepthwiseConv2DParams& p, bool right,
                                                                     const DwFixedCtx& ctx, const DwOutVec& o,
                                                                     const int8_t* in_b, const int8_t* filter,
                                                                     const int32_t* bias, const int32_t* mult,
                                                                     const int32_t* shift, int32_t oy, int32_t ox,
                                                                     int8_t* out) {
  const int32_t c_n = p.output_c, taps = p.filter_h * p.filter_w;
  const int32_t in_y0 = oy * p.stride_h - p.pad_h, in_x0 = ox * p.stride_w - p.pad_w;
  const int8_t* xb[kDwFixedMaxTaps];
  const int8_t* const* x = ctx.img;
  int32_t d = (in_y0 * p.input_w + in_x0) * p.input_c;
  const bool border = in_y0 < 0 || in_x0 < 0 || in_y0 + (p.filter_h - 1) * p.dilation_h >= p.input_h ||
                      in_x0 + (p.filter_w - 1) * p.dilation_w >= p.input_w;
  if (border) {
    dw_tap_pointers(p, ctx, in_b, oy, ox, xb);
    x = xb;
    d = 0;
  }
  for (int32_t c0 = 0; c0 < c_n; c0 += 64) {
    const int32_t chunk = c_n - c0 < 64 ? c_n - c0 : 64;
    if (c0 > 0) {
      if (border) dw_next_chunk(ctx, taps, xb);
      else d += 64;
    }
    const int8_t* w = filter + c0;
    int32_t j = 0;
    for (; j + 16 <= chunk; j += 16)
      dw_group_mve<2, false>(x, d, taps, w, c_n, j, 16, right, bias + c0, mult + c0, shift + c0, o, out + c0);
    if (j + 8 <= chunk) {
      dw_group_mve<1, false>(x, d, taps, w, c_n, j, 8, right, bias + c0, mult + c0, shift + c0, o, out + c0);
      j += 8;
    }
    if (j < chunk)
      dw_group_mve<1, true>(x, d, taps, w, c_n, j, chunk - j, right, bias + c0, mult + c0, shift + c0, o,
                            out + c0);
  }
}

}  // namespace detail
}  // namespace tinyaot_rt
#endif
