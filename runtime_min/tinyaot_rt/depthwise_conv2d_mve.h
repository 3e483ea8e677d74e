// tinyaot runtime: DEPTHWISE_CONV_2D int8 for Helium cores (M55, M85).
// Channels are contiguous in the input and in the 1HWO filter: eight channels per tap are loaded widened
// to int16 (VLDRB.S16) and multiplied into int32 with VMULLB/VMULLT (even and odd channels), so one tap
// of eight channels costs two loads, two multiplies and two adds. Requantization runs on the even and
// odd halves (per-channel parameters gathered with stride 2), then VMOVNB/VMOVNT interleave them back
// for one narrowing store; the last partial group is tail-predicated. Depth multiplier 1 reads eight
// input channels; a multiplier that is a multiple of 8 (e.g. micro_speech) broadcasts one input channel.
// Taps in the padding read the input zero point, as in the reference kernel. Other multipliers, and
// builds without MVE, use the reference kernel. Same signature and bit-exact results as
// depthwise_conv2d_s8 (depthwise_conv2d.h); chosen at emit time.
#pragma once

#include <cstdint>

#include "tinyaot_rt/depthwise_conv2d.h"
#include "tinyaot_rt/mve_requant.h"

namespace tinyaot_rt {
namespace detail {

#if TINYAOT_RT_HAVE_MVE
/// Channels [c, c + 8) of one output pixel into ev (c, c+2, c+4, c+6) and od (c+1, c+3, ...).
/// kBroadcast: all eight channels read the same input channel (depth multiplier a multiple of 8).
template <bool kInside, bool kBroadcast>
inline void depthwise_mve_8ch(const DepthwiseConv2DParams& p, const int8_t* in_b, const int8_t* filter,
                              int32_t in_y0, int32_t in_x0, int32_t c, mve_pred16_t p16, int32x4_t& ev,
                              int32x4_t& od) {
  const int32_t c_n = p.output_c;
  const int32_t ic = kBroadcast ? c / p.depth_multiplier : c;
  const int16x8_t zp = vdupq_n_s16(static_cast<int16_t>(p.input_zero_point));
  int32x4_t e = vdupq_n_s32(0), o = vdupq_n_s32(0);
  const int8_t* w = filter + c;
  for (int32_t fy = 0; fy < p.filter_h; ++fy) {
    const int32_t in_y = in_y0 + fy * p.dilation_h;
    for (int32_t fx = 0; fx < p.filter_w; ++fx, w += c_n) {
      const int32_t in_x = in_x0 + fx * p.dilation_w;
      const int16x8_t wv = vldrbq_z_s16(w, p16);
      int16x8_t xv = zp;
      if (kInside || (in_y >= 0 && in_y < p.input_h && in_x >= 0 && in_x < p.input_w)) {
        const int8_t* xp = in_b + (static_cast<int64_t>(in_y) * p.input_w + in_x) * p.input_c + ic;
        xv = kBroadcast ? vdupq_n_s16(*xp) : vldrbq_z_s16(xp, p16);
      }
      e = vaddq_s32(e, vmullbq_int_s16(xv, wv));
      o = vaddq_s32(o, vmulltq_int_s16(xv, wv));
    }
  }
  ev = e;
  od = o;
}

/// Requantizes and stores n (1..8) channels from their even/odd accumulators.
inline void depthwise_mve_store8(int32x4_t ev, int32x4_t od, int32_t n, const int32_t* bias, const int32_t* mult,
                                 const int32_t* shift, const DepthwiseConv2DParams& p, int8_t* out) {
  const uint32x4_t offs = vidupq_n_u32(0, 2);  // elements 0, 2, 4, 6
  const mve_pred16_t pe = vctp32q(static_cast<uint32_t>((n + 1) / 2));
  const mve_pred16_t po = vctp32q(static_cast<uint32_t>(n / 2));
  if (bias) {
    ev = vaddq_s32(ev, vldrwq_gather_shifted_offset_z_s32(bias, offs, pe));
    od = vaddq_s32(od, vldrwq_gather_shifted_offset_z_s32(bias + 1, offs, po));
  }
  const int32x4_t re = mve::requantize4(ev, vldrwq_gather_shifted_offset_z_s32(mult, offs, pe),
                                        vldrwq_gather_shifted_offset_z_s32(shift, offs, pe), p.output_zero_point,
                                        p.act_min, p.act_max);
  const int32x4_t ro = mve::requantize4(od, vldrwq_gather_shifted_offset_z_s32(mult + 1, offs, po),
                                        vldrwq_gather_shifted_offset_z_s32(shift + 1, offs, po),
                                        p.output_zero_point, p.act_min, p.act_max);
  const int16x8_t both = vmovntq_s32(vmovnbq_s32(vuninitializedq_s16(), re), ro);
  vstrbq_p_s16(out, both, vctp16q(static_cast<uint32_t>(n)));
}

template <bool kBroadcast>
inline void depthwise_mve(const DepthwiseConv2DParams& p, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, const int32_t* mult, const int32_t* shift, int8_t* output) {
  const int32_t c_n = p.output_c;
  const int32_t span_h = (p.filter_h - 1) * p.dilation_h;
  const int32_t span_w = (p.filter_w - 1) * p.dilation_w;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_h;
      const bool rows_inside = in_y0 >= 0 && in_y0 + span_h < p.input_h;
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_w;
        const bool inside = rows_inside && in_x0 >= 0 && in_x0 + span_w < p.input_w;
        int8_t* out = output + ((static_cast<int64_t>(b) * p.output_h + oy) * p.output_w + ox) * c_n;
        for (int32_t c = 0; c < c_n; c += 8) {
          const int32_t n = c_n - c < 8 ? c_n - c : 8;
          const mve_pred16_t p16 = vctp16q(static_cast<uint32_t>(n));
          int32x4_t ev, od;
          if (inside) depthwise_mve_8ch<true, kBroadcast>(p, in_b, filter, in_y0, in_x0, c, p16, ev, od);
          else depthwise_mve_8ch<false, kBroadcast>(p, in_b, filter, in_y0, in_x0, c, p16, ev, od);
          depthwise_mve_store8(ev, od, n, bias ? bias + c : nullptr, mult + c, shift + c, p, out + c);
        }
      }
    }
  }
}
#endif

}  // namespace detail

/// int8 depthwise convolution, Helium kernel (see depthwise_conv2d_s8 for the arguments).
inline void depthwise_conv2d_s8_mve(const DepthwiseConv2DParams& p, const int8_t* input, const int8_t* filter,
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
