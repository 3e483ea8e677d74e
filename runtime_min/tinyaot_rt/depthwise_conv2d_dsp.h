// tinyaot runtime: DEPTHWISE_CONV_2D int8 for cores with the DSP extension (M4, M7, M33).
// Four channels at a time: one word of input and one of weights per tap, split by SXTB16 / SXTB16 ROR #8
// into 16-bit pairs and accumulated lane by lane with SMLABB/SMLATT (channels c, c+2 and c+1, c+3), then
// the scalar requantization in its short form (requant_fast.h). Taps in the padding read the input zero
// point, as in the reference kernel. A depth multiplier that is a multiple of 4 (micro_speech) broadcasts
// one input channel; other multipliers >1 use the reference kernel. Same signature
// and bit-exact results as depthwise_conv2d_s8 (depthwise_conv2d.h); chosen at emit time.
#pragma once

#include <cstdint>

#include "tinyaot_rt/depthwise_conv2d.h"
#include "tinyaot_rt/dsp_intrinsics.h"
#include "tinyaot_rt/requant_fast.h"

namespace tinyaot_rt {
namespace detail {

/// Channels [c, c + 4) of one output pixel; kInside: every tap of the window is in the image;
/// kBroadcast: the four channels read one input channel (depth multiplier a multiple of 4).
template <bool kInside, bool kBroadcast>
inline void depthwise_dsp_4ch(const DepthwiseConv2DParams& p, const int8_t* in_b, const int8_t* filter,
                              int32_t in_y0, int32_t in_x0, int32_t c, int32_t* acc) {
  const int32_t c_n = p.output_c;
  // The zero point, replicated in both 16-bit halves, stands in for padded taps.
  const int32_t zp2 = static_cast<int32_t>((static_cast<uint32_t>(p.input_zero_point) & 0xFFFFu) |
                                           (static_cast<uint32_t>(p.input_zero_point) << 16));
  const int32_t ic = kBroadcast ? c / p.depth_multiplier : c;
  int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  const int8_t* w = filter + c;
  for (int32_t fy = 0; fy < p.filter_h; ++fy) {
    const int32_t in_y = in_y0 + fy * p.dilation_h;
    for (int32_t fx = 0; fx < p.filter_w; ++fx, w += c_n) {
      const int32_t in_x = in_x0 + fx * p.dilation_w;
      const int32_t wv = dsp::load_s8x4(w);
      const int32_t we = dsp::sxtb16(wv), wo = dsp::sxtb16_ror8(wv);
      int32_t xe = zp2, xo = zp2;
      if (kInside || (in_y >= 0 && in_y < p.input_h && in_x >= 0 && in_x < p.input_w)) {
        const int8_t* xp = in_b + (static_cast<int64_t>(in_y) * p.input_w + in_x) * p.input_c + ic;
        if (kBroadcast) {
          const auto xs = static_cast<uint32_t>(*xp);
          xe = xo = static_cast<int32_t>((xs & 0xFFFFu) | (xs << 16));
        } else {
          const int32_t xv = dsp::load_s8x4(xp);
          xe = dsp::sxtb16(xv);
          xo = dsp::sxtb16_ror8(xv);
        }
      }
      a0 = dsp::smlabb(xe, we, a0);
      a2 = dsp::smlatt(xe, we, a2);
      a1 = dsp::smlabb(xo, wo, a1);
      a3 = dsp::smlatt(xo, wo, a3);
    }
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

template <bool kBroadcast>
inline void depthwise_dsp(const DepthwiseConv2DParams& p, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, const int32_t* multiplier, const int32_t* shift, int8_t* output) {
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
        int32_t c = 0;
        for (; c + 4 <= c_n; c += 4) {
          int32_t acc[4];
          if (inside) depthwise_dsp_4ch<true, kBroadcast>(p, in_b, filter, in_y0, in_x0, c, acc);
          else depthwise_dsp_4ch<false, kBroadcast>(p, in_b, filter, in_y0, in_x0, c, acc);
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
    }
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
