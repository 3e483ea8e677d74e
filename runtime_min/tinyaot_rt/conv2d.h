// tinyaot runtime: CONV_2D, reference kernels (NHWC input, OHWI filter, NHWC output).
// Bit-exact with TFLite Micro's reference_integer_ops::ConvPerChannel. The compiler folds the input zero
// point into the bias (bias' = bias - in_zp * sum(w)), so the int8 inner loop is a plain x * w; taps that
// fall into the padding therefore take the value in_zp (TFLite skips them, i.e. (in_zp - in_zp) * w = 0).
// Grouped convolution (input depth a multiple of the filter's input depth) is supported like TFLite.
#pragma once

#include <cstdint>

#include "tinyaot_rt/conv_common.h"

namespace tinyaot_rt {

/// Everything a convolution needs besides its arrays; all known at compile time.
struct Conv2DParams {
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t filter_h, filter_w, filter_c;  ///< filter_c: input channels per group
  int32_t output_h, output_w, output_c;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_h, pad_w;                  ///< top / left padding
  int32_t input_zero_point;              ///< value of padded taps (0 for int16)
  int32_t output_zero_point;
  int32_t act_min, act_max;
};

namespace detail {

/// Where element (y, x, c) of one input image sits: NHWC, the layout of every tensor.
struct NhwcInput {
  static int64_t at(const Conv2DParams& p, int32_t y, int32_t x, int32_t c) {
    return (static_cast<int64_t>(y) * p.input_w + x) * p.input_c + c;
  }
};

/// One output pixel, all output channels. `Acc` is the accumulator type, `T` the activation type,
/// `Layout` where an input element sits (NhwcInput; conv2d_nchw.h reads an NCHW input).
template <typename Acc, typename T, typename BiasT, typename Layout = NhwcInput>
inline void conv2d_pixel(const Conv2DParams& p, const T* input_batch, const int8_t* filter,
                         const BiasT* bias, const int32_t* multiplier, const int32_t* shift,
                         int32_t in_y0, int32_t in_x0, bool inside, T* out) {
  const int32_t groups = p.input_c / p.filter_c;
  const int32_t per_group = p.output_c / groups;
  for (int32_t oc = 0; oc < p.output_c; ++oc) {
    const int32_t c0 = (oc / per_group) * p.filter_c;
    const int8_t* w = filter + static_cast<int64_t>(oc) * p.filter_h * p.filter_w * p.filter_c;
    Acc acc = 0;
    for (int32_t fy = 0; fy < p.filter_h; ++fy) {
      const int32_t in_y = in_y0 + fy * p.dilation_h;
      for (int32_t fx = 0; fx < p.filter_w; ++fx, w += p.filter_c) {
        const int32_t in_x = in_x0 + fx * p.dilation_w;
        if (inside || (in_y >= 0 && in_y < p.input_h && in_x >= 0 && in_x < p.input_w)) {
          const T* x = input_batch + Layout::at(p, in_y, in_x, c0);
          const int64_t c_step = Layout::at(p, 0, 0, 1);  // 1 for NHWC: a constant after inlining
          for (int32_t ic = 0; ic < p.filter_c; ++ic) acc += static_cast<Acc>(w[ic]) * x[ic * c_step];
        } else if (p.input_zero_point != 0) {
          for (int32_t ic = 0; ic < p.filter_c; ++ic) acc += static_cast<Acc>(w[ic]) * p.input_zero_point;
        }
      }
    }
    if (bias) acc = add_wrap(acc, static_cast<Acc>(bias[oc]));
    out[oc] = static_cast<T>(requantize(acc, multiplier[oc], shift[oc], p.output_zero_point, p.act_min,
                                        p.act_max));
  }
}

template <typename Acc, typename T, typename BiasT, typename Layout = NhwcInput>
inline void conv2d(const Conv2DParams& p, const T* input, const int8_t* filter, const BiasT* bias,
                   const int32_t* multiplier, const int32_t* shift, T* output) {
  const int32_t span_h = (p.filter_h - 1) * p.dilation_h;
  const int32_t span_w = (p.filter_w - 1) * p.dilation_w;
  for (int32_t b = 0; b < p.batches; ++b) {
    const T* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_h;
      const bool rows_inside = in_y0 >= 0 && in_y0 + span_h < p.input_h;
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_w;
        // Windows entirely inside the image skip the per-tap bounds test.
        const bool inside = rows_inside && in_x0 >= 0 && in_x0 + span_w < p.input_w;
        T* out = output + ((static_cast<int64_t>(b) * p.output_h + oy) * p.output_w + ox) * p.output_c;
        conv2d_pixel<Acc, T, BiasT, Layout>(p, in_b, filter, bias, multiplier, shift, in_y0, in_x0, inside, out);
      }
    }
  }
}

}  // namespace detail

/// int8 convolution. `bias` is the folded bias (may be null when it is all zero); multiplier/shift are
/// per output channel (per-tensor quantization repeats one value).
inline void conv2d_s8(const Conv2DParams& p, const int8_t* input, const int8_t* filter,
                      const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                      int8_t* output) {
  detail::conv2d<int32_t>(p, input, filter, bias, multiplier, shift, output);
}

/// int16x8 convolution with an int64 bias (TFLite's 64-bit accumulator path). Zero points are 0.
inline void conv2d_s16(const Conv2DParams& p, const int16_t* input, const int8_t* filter,
                       const int64_t* bias, const int32_t* multiplier, const int32_t* shift,
                       int16_t* output) {
  detail::conv2d<int64_t>(p, input, filter, bias, multiplier, shift, output);
}

/// int16x8 convolution with an int32 bias (TFLite's 32-bit accumulator path). Zero points are 0.
inline void conv2d_s16(const Conv2DParams& p, const int16_t* input, const int8_t* filter,
                       const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                       int16_t* output) {
  detail::conv2d<int32_t>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
