// tinyaot runtime: DEPTHWISE_CONV_2D int8 for Helium cores (M55, M85).
// Channels are contiguous in the input and in the 1HWO filter, so channels are the vector lanes: eight
// channels per tap are loaded widened to int16 (VLDRB.S16) and multiplied into int32 with VMULLB/VMULLT
// (even and odd channels). On the run walk VST2 puts the even and odd halves back in channel order in a
// small buffer, then one vector requantization loop (mve_requant.h) covers up to 64 channels.
// Depth multiplier 1 with up to 25 taps (the common 3x3 / 5x5 layers) takes the fixed-window path
// (depthwise_mve_fixed.h): one pointer per tap, padded taps pointing at a row of input zero points (the
// bias holds -in_zp * sum(w), so a padded tap must add in_zp * w, as in the reference kernel), sixteen
// channels per pass over the taps, accumulators starting from the bias and requantized in registers
// (even / odd constants by VLD2, results back in order by VQMOVNB / VQMOVNT), in the short form when
// every shift of the layer is a right shift.
// A multiplier that is a multiple of 8 (e.g. micro_speech) broadcasts one input channel and walks the
// window as runs of taps (depthwise_window.h). Other multipliers, and builds without MVE, use the
// reference kernel. Same signature and bit-exact results as depthwise_conv2d_s8 (depthwise_conv2d.h);
// chosen at emit time.
#pragma once

#include <cstdint>

#include "tinyaot_rt/depthwise_conv2d.h"
#include "tinyaot_rt/depthwise_mve_fixed.h"
#include "tinyaot_rt/depthwise_mve_walk.h"
#include "tinyaot_rt/depthwise_window.h"
#include "tinyaot_rt/mve_requant.h"

namespace tinyaot_rt {
namespace detail {

#if TINYAOT_RT_HAVE_MVE
/// Channels [c, c + 8) of one output pixel into ev (c, c+2, c+4, c+6) and od (c+1, c+3, ...).
/// kBroadcast: all eight channels read the same input channel (depth multiplier a multiple of 8).
// Always inlined: a call per group of eight channels reloaded every loop bound from the parameters.
template <bool kBroadcast>
__attribute__((always_inline)) inline void depthwise_mve_8ch(const DepthwiseConv2DParams& p, const int8_t* in_b, const int8_t* filter,
                              const DwWindow& win, int32_t c, mve_pred16_t p16, int32x4_t& ev, int32x4_t& od) {
  const int32_t c_n = p.output_c;
  const int32_t ic = kBroadcast ? c / p.depth_multiplier : c;
  const int32_t x_step = p.dilation_w * p.input_c;
  const int16x8_t zp = vdupq_n_s16(static_cast<int16_t>(p.input_zero_point));
  int32x4_t e = vdupq_n_s32(0), o = vdupq_n_s32(0);
  const int8_t* w = filter + c;
  // A padded tap: the zero point times the weights.
  auto pad_taps = [&](int32_t n) {
    for (int32_t i = 0; i < n; ++i, w += c_n) {
      const int16x8_t wv = vldrbq_z_s16(w, p16);
      e = vaddq_s32(e, vmullbq_int_s16(zp, wv));
      o = vaddq_s32(o, vmulltq_int_s16(zp, wv));
    }
  };
  if (win.inside) {
    // The whole window is in the image: pointer steps only (the common case away from the borders).
    const int8_t* x_row = in_b + (static_cast<int64_t>(win.in_y0) * p.input_w + win.in_x0) * p.input_c + ic;
    const int32_t row_step = p.dilation_h * p.input_w * p.input_c;
    for (int32_t fy = 0; fy < p.filter_h; ++fy, x_row += row_step) {
      const int8_t* xp = x_row;
      for (int32_t fx = 0; fx < p.filter_w; ++fx, w += c_n, xp += x_step) {
        const int16x8_t wv = vldrbq_z_s16(w, p16);
        const int16x8_t xv = kBroadcast ? vdupq_n_s16(*xp) : vldrbq_z_s16(xp, p16);
        e = vaddq_s32(e, vmullbq_int_s16(xv, wv));
        o = vaddq_s32(o, vmulltq_int_s16(xv, wv));
      }
    }
    ev = e;
    od = o;
    return;
  }
  for (int32_t fy = 0; fy < p.filter_h; ++fy) {
    const int32_t in_y = win.in_y0 + fy * p.dilation_h;
    if (in_y < 0 || in_y >= p.input_h || win.fx_lo == win.fx_hi) {
      pad_taps(p.filter_w);
      continue;
    }
    pad_taps(win.fx_lo);
    const int8_t* xp =
        in_b + (static_cast<int64_t>(in_y) * p.input_w + win.in_x0 + win.fx_lo * p.dilation_w) * p.input_c + ic;
    for (int32_t fx = win.fx_lo; fx < win.fx_hi; ++fx, w += c_n, xp += x_step) {
      const int16x8_t wv = vldrbq_z_s16(w, p16);
      const int16x8_t xv = kBroadcast ? vdupq_n_s16(*xp) : vldrbq_z_s16(xp, p16);
      e = vaddq_s32(e, vmullbq_int_s16(xv, wv));
      o = vaddq_s32(o, vmulltq_int_s16(xv, wv));
    }
    pad_taps(p.filter_w - win.fx_hi);
  }
  ev = e;
  od = o;
}

/// True when depthwise_mve_pixel_fixed computes the layer (depth multiplier 1, at most kDwFixedMaxTaps
/// taps; larger filters take the run walk).
inline bool dw_fixed_ok(const DepthwiseConv2DParams& p) {
  return p.depth_multiplier == 1 && p.filter_h * p.filter_w <= kDwFixedMaxTaps;
}

/// Every channel of output pixel (oy, ox) of batch image in_b, written to out[0..output_c).
template <bool kBroadcast>
inline void depthwise_mve_pixel(const DepthwiseConv2DParams& p, const int8_t* in_b, const int8_t* filter,
                                const int32_t* bias, const int32_t* mult, const int32_t* shift, int32_t oy,
                                int32_t ox, int8_t* out) {
  const int32_t c_n = p.output_c;
  const DwWindow win = dw_window(p, oy, ox);
  // Accumulators of up to 64 channels go back to channel order (VST2 interleaves the even and odd
  // halves), then one requantization loop handles them all.
  int32_t acc[64 + 8];
  for (int32_t c0 = 0; c0 < c_n; c0 += 64) {
    const int32_t chunk = c_n - c0 < 64 ? c_n - c0 : 64;
    for (int32_t c = c0; c < c0 + chunk; c += 8) {
      const mve_pred16_t p16 = vctp16q(static_cast<uint32_t>(c_n - c));
      int32x4x2_t eo;
      depthwise_mve_8ch<kBroadcast>(p, in_b, filter, win, c, p16, eo.val[0], eo.val[1]);
      vst2q_s32(acc + (c - c0), eo);
    }
    mve::requant_store_n(acc, chunk, bias ? bias + c0 : nullptr, mult + c0, shift + c0, p.output_zero_point,
                         p.act_min, p.act_max, out + c0);
  }
}


/// A dw_fixed_ok() layer with a bias and its own output: the in-place walk (depthwise_mve_walk.h) with the
/// output as the ring, per batch image; `bias` must not be null.
TINYAOT_RT_DISPATCH void depthwise_mve_fixed(const DepthwiseConv2DParams& p, const int8_t* input, const int8_t* filter,
                                const int32_t* bias, const int32_t* mult, const int32_t* shift, int8_t* output) {
  DwFixedCtx ctx = dw_fixed_ctx(p, shift, input);
  const bool right = ctx.form == mve::RequantForm::kRightOnly;
  const int32_t n = p.output_h * p.output_w;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
    int8_t* out_b = output + static_cast<int64_t>(b) * n * p.output_c;
    dw_fixed_image(p, in_b, ctx);
    depthwise_inplace_fixed_run(p, right, ctx, InPlaceParams{0, n}, in_b, filter, bias, mult, shift, out_b, out_b);
  }
}

template <bool kBroadcast>
TINYAOT_RT_DISPATCH void depthwise_mve(const DepthwiseConv2DParams& p, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, const int32_t* mult, const int32_t* shift, int8_t* output) {
  // With-bias forms only (see depthwise_conv2d_inplace_s8_mve): a null bias takes the per-pixel path.
  if (!kBroadcast && dw_fixed_ok(p) && bias) {
    depthwise_mve_fixed(p, input, filter, bias, mult, shift, output);
    return;
  }
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
    int8_t* out_b = output + static_cast<int64_t>(b) * p.output_h * p.output_w * p.output_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy)
      for (int32_t ox = 0; ox < p.output_w; ++ox)
        depthwise_mve_pixel<kBroadcast>(p, in_b, filter, bias, mult, shift, oy, ox,
                                        out_b + (static_cast<int64_t>(oy) * p.output_w + ox) * p.output_c);
  }
}
#endif

}  // namespace detail

/// int8 depthwise convolution, Helium kernel (see depthwise_conv2d_s8 for the arguments).
TINYAOT_RT_DISPATCH void depthwise_conv2d_s8_mve(const DepthwiseConv2DParams& p, const int8_t* input, const int8_t* filter,
                                    const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                                    int8_t* output) {
#if TINYAOT_RT_HAVE_MVE
  if (p.depth_multiplier == 1) {
    detail::depthwise_mve<false>(p, input, filter, bias, multiplier, shift, output);
    return;
  }
  if (p.depth_multiplier % 8 == 0) {
    detail::depthwise_mve<true>(p, input, filter, bias, multiplier, shift, output);
    return;
  }
#endif
  detail::depthwise_conv2d<int32_t>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
