// tinyaot runtime: DEPTHWISE_CONV_2D, reference kernels (NHWC input, 1HWO filter, NHWC output).
// Bit-exact with TFLite Micro's reference_integer_ops::DepthwiseConvPerChannel. Output channel
// oc = ic * depth_multiplier + m reads input channel ic. As for CONV_2D the input zero point is folded into
// the bias at compile time, so padded taps take the value in_zp.
#pragma once

#include <cstdint>

#include "tinyaot_rt/conv_common.h"

namespace tinyaot_rt {

/// Everything a depthwise convolution needs besides its arrays; all known at compile time.
struct DepthwiseConv2DParams {
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t filter_h, filter_w;
  int32_t depth_multiplier;              ///< output_c = input_c * depth_multiplier
  int32_t output_h, output_w, output_c;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_h, pad_w;                  ///< top / left padding
  int32_t input_zero_point;              ///< value of padded taps (0 for int16)
  int32_t output_zero_point;
  int32_t act_min, act_max;
};

namespace detail {

template <typename Acc, typename T, typename BiasT>
inline void depthwise_conv2d(const DepthwiseConv2DParams& p, const T* input, const int8_t* filter,
                             const BiasT* bias, const int32_t* multiplier, const int32_t* shift,
                             T* output) {
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
        for (int32_t oc = 0; oc < p.output_c; ++oc) {
          const int32_t ic = oc / p.depth_multiplier;
          Acc acc = 0;
          for (int32_t fy = 0; fy < p.filter_h; ++fy) {
            const int32_t in_y = in_y0 + fy * p.dilation_h;
            for (int32_t fx = 0; fx < p.filter_w; ++fx) {
              const int32_t in_x = in_x0 + fx * p.dilation_w;
              const int32_t w = filter[(static_cast<int64_t>(fy) * p.filter_w + fx) * p.output_c + oc];
              if (inside || (in_y >= 0 && in_y < p.input_h && in_x >= 0 && in_x < p.input_w)) {
                acc += static_cast<Acc>(w) * in_b[(static_cast<int64_t>(in_y) * p.input_w + in_x) * p.input_c + ic];
              } else {
                acc += static_cast<Acc>(w) * p.input_zero_point;
              }
            }
          }
          if (bias) acc = add_wrap(acc, static_cast<Acc>(bias[oc]));
          out[oc] = static_cast<T>(requantize(acc, multiplier[oc], shift[oc], p.output_zero_point, p.act_min,
                                              p.act_max));
        }
      }
    }
  }
}

}  // namespace detail

/// int8 depthwise convolution; `bias` is the folded bias (may be null when all zero).
inline void depthwise_conv2d_s8(const DepthwiseConv2DParams& p, const int8_t* input, const int8_t* filter,
                                const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                                int8_t* output) {
  detail::depthwise_conv2d<int32_t>(p, input, filter, bias, multiplier, shift, output);
}

/// int16x8 depthwise convolution (TFLite always accumulates in int64 here). Zero points are 0.
inline void depthwise_conv2d_s16(const DepthwiseConv2DParams& p, const int16_t* input, const int8_t* filter,
                                 const int64_t* bias, const int32_t* multiplier, const int32_t* shift,
                                 int16_t* output) {
  detail::depthwise_conv2d<int64_t>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
