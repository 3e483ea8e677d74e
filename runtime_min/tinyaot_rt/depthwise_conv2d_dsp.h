// tinyaot runtime: DEPTHWISE_CONV_2D int8 for cores with the DSP extension (M4, M7, M33).
// Four channels at a time: one word of input and one of weights per tap, split by SXTB16 / SXTB16 ROR #8
// into 16-bit pairs and accumulated lane by lane with SMLABB/SMLATT (channels c, c+2 and c+1, c+3), then
// the scalar requantization in its short form (requant_fast.h). Padded taps count the input zero point
// times the weight, as in the reference kernel (the folded bias holds -in_zp * sum(w)). Depth multiplier
// 1 with channels in fours and up to 25 taps takes the fixed-window path: one pointer per tap, padded
// taps reading a row of zero points, so all taps are one loop; when every shift is a right shift (the
// usual case) its fast form (depthwise_dsp_fast.h) splits the weights once per layer call and
// requantizes with one SMLAL per channel. Otherwise each filter row is walked as
// runs of taps (depthwise_window.h); a depth multiplier that is a multiple of 4 (micro_speech) broadcasts
// one input channel; other multipliers >1 use the reference kernel. Same signature and bit-exact results
// as depthwise_conv2d_s8 (depthwise_conv2d.h); chosen at emit time.
#pragma once

#include <algorithm>
#include <climits>
#include <cstdint>

#include "tinyaot_rt/depthwise_conv2d.h"
#include "tinyaot_rt/depthwise_dsp_fast.h"
#include "tinyaot_rt/depthwise_window.h"
#include "tinyaot_rt/dsp_intrinsics.h"
#include "tinyaot_rt/requant_fast.h"

namespace tinyaot_rt {
namespace detail {

/// Channels [c, c + 4) of one output pixel, with their window win;
/// kBroadcast: the four channels read one input channel (depth multiplier a multiple of 4).
template <bool kBroadcast>
inline void depthwise_dsp_4ch(const DepthwiseConv2DParams& p, const int8_t* in_b, const int8_t* filter,
                              const DwWindow& win, int32_t c, int32_t* acc) {
  const int32_t c_n = p.output_c;
  const int32_t x_step = p.dilation_w * p.input_c;
  // The zero point, replicated in both 16-bit halves, stands in for padded taps.
  const int32_t zp2 = static_cast<int32_t>((static_cast<uint32_t>(p.input_zero_point) & 0xFFFFu) |
                                           (static_cast<uint32_t>(p.input_zero_point) << 16));
  const int32_t ic = kBroadcast ? c / p.depth_multiplier : c;
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const int8_t* w = filter + c;
  // One tap: weights of channels c..c+3 split into (c, c+2) / (c+1, c+3) pairs against the same split of x.
  auto tap = [&](int32_t xe, int32_t xo) {
    const int32_t wv = dsp::load_s8x4(w);
    const int32_t we = dsp::sxtb16(wv), wo = dsp::sxtb16_ror8(wv);
    a0 = dsp::smlabb(xe, we, a0);
    a2 = dsp::smlatt(xe, we, a2);
    a1 = dsp::smlabb(xo, wo, a1);
    a3 = dsp::smlatt(xo, wo, a3);
    w += c_n;
  };
  auto image_tap = [&](const int8_t* xp) {
    if (kBroadcast) {
      const auto xs = static_cast<uint32_t>(*xp);
      const auto x2 = static_cast<int32_t>((xs & 0xFFFFu) | (xs << 16));
      tap(x2, x2);
    } else {
      const int32_t xv = dsp::load_s8x4(xp);
      tap(dsp::sxtb16(xv), dsp::sxtb16_ror8(xv));
    }
  };
  if (win.inside) {
    // The whole window is in the image: pointer steps only (the common case away from the borders).
    const int8_t* x_row = in_b + (static_cast<int64_t>(win.in_y0) * p.input_w + win.in_x0) * p.input_c + ic;
    const int32_t row_step = p.dilation_h * p.input_w * p.input_c;
    for (int32_t fy = 0; fy < p.filter_h; ++fy, x_row += row_step) {
      const int8_t* xp = x_row;
      for (int32_t fx = 0; fx < p.filter_w; ++fx, xp += x_step) image_tap(xp);
    }
  } else {
    for (int32_t fy = 0; fy < p.filter_h; ++fy) {
      const int32_t in_y = win.in_y0 + fy * p.dilation_h;
      if (in_y < 0 || in_y >= p.input_h || win.fx_lo == win.fx_hi) {
        for (int32_t fx = 0; fx < p.filter_w; ++fx) tap(zp2, zp2);
        continue;
      }
      for (int32_t fx = 0; fx < win.fx_lo; ++fx) tap(zp2, zp2);
      const int8_t* xp =
          in_b + (static_cast<int64_t>(in_y) * p.input_w + win.in_x0 + win.fx_lo * p.dilation_w) * p.input_c + ic;
      for (int32_t fx = win.fx_lo; fx < win.fx_hi; ++fx, xp += x_step) image_tap(xp);
      for (int32_t fx = win.fx_hi; fx < p.filter_w; ++fx) tap(zp2, zp2);
    }
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

/// Every channel of output pixel (oy, ox) of batch image in_b, written to out[0..output_c).
template <bool kBroadcast>
inline void depthwise_dsp_pixel(const DepthwiseConv2DParams& p, const int8_t* in_b, const int8_t* filter,
                                const int32_t* bias, const int32_t* multiplier, const int32_t* shift, int32_t oy,
                                int32_t ox, int8_t* out) {
  const int32_t c_n = p.output_c;
  const DwWindow win = dw_window(p, oy, ox);
  const int32_t in_y0 = win.in_y0, in_x0 = win.in_x0;
  int32_t c = 0;
  for (; c + 4 <= c_n; c += 4) {
    int32_t acc[4];
    depthwise_dsp_4ch<kBroadcast>(p, in_b, filter, win, c, acc);
    for (int32_t i = 0; i < 4; ++i) {
      const int32_t a = bias ? add_wrap(acc[i], bias[c + i]) : acc[i];
      out[c + i] = static_cast<int8_t>(requantize_fast(a, multiplier[c + i], shift[c + i], p.output_zero_point,
                                                       p.act_min, p.act_max));
    }
  }
  for (; c < c_n; ++c) {  // the last channels (fewer than 4): plain arithmetic
    int32_t acc = 0;
    for (int32_t fy = 0; fy < p.filter_h; ++fy) {
      const int32_t in_y = in_y0 + fy * p.dilation_h;
      for (int32_t fx = 0; fx < p.filter_w; ++fx) {
        const int32_t in_x = in_x0 + fx * p.dilation_w;
        const int32_t w = filter[(static_cast<int64_t>(fy) * p.filter_w + fx) * c_n + c];
        const bool in = in_y >= 0 && in_y < p.input_h && in_x >= 0 && in_x < p.input_w;
        const int64_t at = (static_cast<int64_t>(in_y) * p.input_w + in_x) * p.input_c + c / p.depth_multiplier;
        acc += w * (in ? in_b[at] : p.input_zero_point);
      }
    }
    if (bias) acc = add_wrap(acc, bias[c]);
    out[c] = static_cast<int8_t>(requantize_fast(acc, multiplier[c], shift[c], p.output_zero_point, p.act_min,
                                                 p.act_max));
  }
}


/// True when depthwise_dsp_pixel_fixed computes the layer: depth multiplier 1, channels in fours, at
/// most kDwFixedMaxTaps taps.
inline bool dw_dsp_fixed_ok(const DepthwiseConv2DParams& p) {
  return p.depth_multiplier == 1 && p.output_c % 4 == 0 && p.filter_h * p.filter_w <= kDwFixedMaxTaps;
}

/// Every channel of output pixel (oy, ox) of a dw_dsp_fixed_ok() layer: one pointer per tap (image or
/// zero-point row), four channels per pass over the taps, then their requantization. kBias: bias given;
/// kSat8: the activation range is the whole int8 range, so the clamp is constant (gcc emits SSAT).
template <bool kBias, bool kSat8>
inline void depthwise_dsp_pixel_fixed(const DepthwiseConv2DParams& p, const DwDspCtx& ctx, const int8_t* in_b,
                                      const int8_t* filter, const int32_t* bias, const int32_t* mult,
                                      const int32_t* shift, int32_t oy, int32_t ox, int8_t* out) {
  // Locals: the int8 stores to `out` may alias `p`, which would make gcc reload every field per output.
  const int32_t c_n = p.output_c, taps = p.filter_h * p.filter_w;
  const int32_t out_zp = p.output_zero_point, act_min = p.act_min, act_max = p.act_max;
  const int8_t* x[kDwFixedMaxTaps];
  dw_tap_pointers(p, ctx, in_b, oy, ox, x);
  for (int32_t c0 = 0; c0 < c_n; c0 += 64) {
    const int32_t chunk = c_n - c0 < 64 ? c_n - c0 : 64;
    if (c0 > 0) dw_next_chunk(ctx, taps, x);
    for (int32_t c = 0; c < chunk; c += 4) {
      // Four named accumulators: an array indexed by the requantization loop was kept on the stack.
      int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      const int8_t* w = filter + c0 + c;
      for (int32_t t = 0; t < taps; ++t, w += c_n) {
        const int32_t xv = dsp::load_s8x4(x[t] + c), wv = dsp::load_s8x4(w);
        const int32_t xe = dsp::sxtb16(xv), we = dsp::sxtb16(wv);
        const int32_t xo = dsp::sxtb16_ror8(xv), wo = dsp::sxtb16_ror8(wv);
        a0 = dsp::smlabb(xe, we, a0);
        a2 = dsp::smlatt(xe, we, a2);
        a1 = dsp::smlabb(xo, wo, a1);
        a3 = dsp::smlatt(xo, wo, a3);
      }
      const int32_t oc = c0 + c;
      auto store = [&](int32_t i, int32_t acc) {
        const int32_t v = kBias ? add_wrap(acc, bias[oc + i]) : acc;
        if constexpr (kSat8) {
          // requantize_fast() with the clamp left out (INT32 limits), then SSAT.
          out[oc + i] = static_cast<int8_t>(
              clamp_s8(requantize_fast(v, mult[oc + i], shift[oc + i], out_zp, INT32_MIN, INT32_MAX)));
        } else {
          out[oc + i] =
              static_cast<int8_t>(requantize_fast(v, mult[oc + i], shift[oc + i], out_zp, act_min, act_max));
        }
      };
      store(0, a0);
      store(1, a1);
      store(2, a2);
      store(3, a3);
    }
  }
}

/// The fixed-window pixel in the form of the layer, chosen at run time (once per pixel): the fast form
/// (depthwise_dsp_fast.h) when every shift is a right shift and there is a bias (the usual case: the
/// compiler folds the input zero point into the bias), otherwise the general fixed walk
/// (depthwise_dsp_pixel_fixed) or, without a bias, the run walk: fewer forms linked (flash).
inline void depthwise_dsp_pixel_fixed_any(const DepthwiseConv2DParams& p, const DwDspCtx& ctx, const int8_t* in_b,
                                          const int8_t* filter, const int32_t* bias, const int32_t* mult,
                                          const int32_t* shift, int32_t oy, int32_t ox, int8_t* out) {
  const bool sat8 = p.act_min == -128 && p.act_max == 127;
  if (!bias) {
    depthwise_dsp_pixel<false>(p, in_b, filter, bias, mult, shift, oy, ox, out);
  } else if (ctx.right) {
    if (sat8) {
      if (ctx.split) depthwise_dsp_pixel_fast<true, true>(p, ctx, in_b, filter, bias, mult, shift, oy, ox, out);
      else depthwise_dsp_pixel_fast<true, false>(p, ctx, in_b, filter, bias, mult, shift, oy, ox, out);
    } else {
      if (ctx.split) depthwise_dsp_pixel_fast<false, true>(p, ctx, in_b, filter, bias, mult, shift, oy, ox, out);
      else depthwise_dsp_pixel_fast<false, false>(p, ctx, in_b, filter, bias, mult, shift, oy, ox, out);
    }
  } else {
    depthwise_dsp_pixel_fixed<true, false>(p, ctx, in_b, filter, bias, mult, shift, oy, ox, out);
  }
}

template <bool kBroadcast>
inline void depthwise_dsp(const DepthwiseConv2DParams& p, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, const int32_t* multiplier, const int32_t* shift, int8_t* output) {
  const bool fixed = !kBroadcast && dw_dsp_fixed_ok(p);
  // One walk testing `fixed` per pixel (two walks grew the code and slowed vww's first layer by 4%);
  // the context is only filled (and valid) for fixed-window layers, value-initialized otherwise.
  const DwDspCtx ctx = fixed ? dw_dsp_ctx(p, filter, multiplier, shift) : DwDspCtx{};
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
    int8_t* out_b = output + static_cast<int64_t>(b) * p.output_h * p.output_w * p.output_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy)
      for (int32_t ox = 0; ox < p.output_w; ++ox)
        if (fixed)
          depthwise_dsp_pixel_fixed_any(p, ctx, in_b, filter, bias, multiplier, shift, oy, ox,
                                        out_b + (static_cast<int64_t>(oy) * p.output_w + ox) * p.output_c);
        else
          depthwise_dsp_pixel<kBroadcast>(p, in_b, filter, bias, multiplier, shift, oy, ox,
                                          out_b + (static_cast<int64_t>(oy) * p.output_w + ox) * p.output_c);
  }
}

}  // namespace detail

/// int8 depthwise convolution, DSP-extension kernel (see depthwise_conv2d_s8 for the arguments).
inline void depthwise_conv2d_s8_dsp(const DepthwiseConv2DParams& p, const int8_t* input, const int8_t* filter,
                                    const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                                    int8_t* output) {
  if (p.depth_multiplier == 1) detail::depthwise_dsp<false>(p, input, filter, bias, multiplier, shift, output);
  else if (p.depth_multiplier % 4 == 0) detail::depthwise_dsp<true>(p, input, filter, bias, multiplier, shift, output);
  else detail::depthwise_conv2d<int32_t>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
