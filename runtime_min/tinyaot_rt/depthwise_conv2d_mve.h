// tinyaot runtime: DEPTHWISE_CONV_2D int8 for Helium cores (M55, M85), depth multiplier 1.
// Channels are contiguous in the input and in the 1HWO filter, so four channels go in one vector of int32
// lanes (VLDRB.S32 widens on load): per tap one multiply and one add, then vector requantization
// (mve_requant.h) and a narrowing store; the last partial vector is tail-predicated. Taps in the padding
// read the input zero point (folded into the bias at compile time, as in the reference kernel). Other
// depth multipliers, and builds without MVE, use the reference kernel. Same signature and bit-exact
// results as depthwise_conv2d_s8 (depthwise_conv2d.h); chosen at emit time.
#pragma once

#include <cstdint>

#include "tinyaot_rt/depthwise_conv2d.h"
#include "tinyaot_rt/mve_requant.h"

namespace tinyaot_rt {

/// int8 depthwise convolution, Helium kernel (see depthwise_conv2d_s8 for the arguments).
inline void depthwise_conv2d_s8_mve(const DepthwiseConv2DParams& p, const int8_t* input, const int8_t* filter,
                                    const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                                    int8_t* output) {
#if TINYAOT_RT_HAVE_MVE
  if (p.depth_multiplier == 1) {
    const int32_t c_n = p.output_c;
    const int32x4_t zp = vdupq_n_s32(p.input_zero_point);
    for (int32_t b = 0; b < p.batches; ++b) {
      const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
      for (int32_t oy = 0; oy < p.output_h; ++oy) {
        const int32_t in_y0 = oy * p.stride_h - p.pad_h;
        for (int32_t ox = 0; ox < p.output_w; ++ox) {
          const int32_t in_x0 = ox * p.stride_w - p.pad_w;
          int8_t* out = output + ((static_cast<int64_t>(b) * p.output_h + oy) * p.output_w + ox) * c_n;
          for (int32_t c = 0; c < c_n; c += 4) {
            const int32_t n = c_n - c < 4 ? c_n - c : 4;
            const mve_pred16_t pc = vctp32q(static_cast<uint32_t>(n));
            int32x4_t acc = vdupq_n_s32(0);
            for (int32_t fy = 0; fy < p.filter_h; ++fy) {
              const int32_t in_y = in_y0 + fy * p.dilation_h;
              const bool row_in = in_y >= 0 && in_y < p.input_h;
              const int8_t* w = filter + static_cast<int64_t>(fy) * p.filter_w * c_n + c;
              for (int32_t fx = 0; fx < p.filter_w; ++fx, w += c_n) {
                const int32_t in_x = in_x0 + fx * p.dilation_w;
                const int32x4_t wv = vldrbq_z_s32(w, pc);
                const int32x4_t xv = row_in && in_x >= 0 && in_x < p.input_w
                    ? vldrbq_z_s32(in_b + (static_cast<int64_t>(in_y) * p.input_w + in_x) * c_n + c, pc)
                    : zp;
                acc = vaddq_s32(acc, vmulq_s32(xv, wv));
              }
            }
            mve::requant_store(acc, n, bias ? bias + c : nullptr, multiplier + c, shift + c, p.output_zero_point,
                               p.act_min, p.act_max, out + c);
          }
        }
      }
    }
    return;
  }
#endif
  detail::depthwise_conv2d<int32_t>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
