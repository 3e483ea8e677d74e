// tinyaot runtime: CONV_2D reading an NCHW input (the model's input before a leading TRANSPOSE to NHWC,
// fused away by the compiler's fuse-input-transpose pass). Same parameters, filter (OHWI), folded bias and
// requantization as conv2d_s8 (conv2d.h), so the output is bit-exact with TRANSPOSE then CONV_2D; only
// the input index differs: element (b, y, x, c) of the NHWC view sits at ((b * C + c) * H + y) * W + x.
#pragma once

#include <cstdint>

#include "tinyaot_rt/conv2d.h"

namespace tinyaot_rt {

/// int8 convolution of an NCHW input; `p` describes the NHWC view (input_h/w/c as conv2d_s8 sees them).
inline void conv2d_nchw_s8(const Conv2DParams& p, const int8_t* input, const int8_t* filter,
                           const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                           int8_t* output) {
  const int32_t groups = p.input_c / p.filter_c;
  const int32_t per_group = p.output_c / groups;
  const int64_t plane = static_cast<int64_t>(p.input_h) * p.input_w;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_c * plane;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t in_y0 = oy * p.stride_h - p.pad_h;
        const int32_t in_x0 = ox * p.stride_w - p.pad_w;
        int8_t* out = output + ((static_cast<int64_t>(b) * p.output_h + oy) * p.output_w + ox) * p.output_c;
        for (int32_t oc = 0; oc < p.output_c; ++oc) {
          const int32_t c0 = (oc / per_group) * p.filter_c;
          const int8_t* w = filter + static_cast<int64_t>(oc) * p.filter_h * p.filter_w * p.filter_c;
          int32_t acc = 0;
          for (int32_t fy = 0; fy < p.filter_h; ++fy) {
            const int32_t in_y = in_y0 + fy * p.dilation_h;
            for (int32_t fx = 0; fx < p.filter_w; ++fx, w += p.filter_c) {
              const int32_t in_x = in_x0 + fx * p.dilation_w;
              const bool inside = in_y >= 0 && in_y < p.input_h && in_x >= 0 && in_x < p.input_w;
              // Padded taps take the input zero point, as in conv2d.h (the bias holds -zp * sum(w)).
              for (int32_t ic = 0; ic < p.filter_c; ++ic) {
                const int32_t x =
                    inside ? in_b[(c0 + ic) * plane + static_cast<int64_t>(in_y) * p.input_w + in_x]
                           : p.input_zero_point;
                acc += static_cast<int32_t>(w[ic]) * x;
              }
            }
          }
          if (bias) acc = add_wrap(acc, bias[oc]);
          out[oc] = static_cast<int8_t>(
              requantize(acc, multiplier[oc], shift[oc], p.output_zero_point, p.act_min, p.act_max));
        }
      }
    }
  }
}

}  // namespace tinyaot_rt
