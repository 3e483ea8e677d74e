// tinyaot runtime: int8 TRANSPOSE_CONV (NHWC input and output, OHWI filter, per-channel multipliers), as
// TFLite's reference_integer_ops::TransposeConv: every input pixel scatters (x - zp_in) * w into an int32
// scratch accumulator of the whole output (cleared first), then each accumulator gets the bias, is
// requantized per output channel, offset and clamped. Sums are wrap-around like TFLite's int32 adds, so
// the visiting order cannot change a result.
#pragma once

#include <cstdint>

#include "tinyaot_rt/conv_common.h"

namespace tinyaot_rt {

/// Everything a transpose convolution needs besides its arrays; all known at compile time.
struct TransposeConvParams {
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t filter_h, filter_w;
  int32_t output_h, output_w, output_c;
  int32_t stride_h, stride_w;
  int32_t pad_h, pad_w;  ///< top / left padding of the equivalent forward convolution
  int32_t input_offset;  ///< -zero point of the input
  int32_t output_zero_point;
  int32_t act_min, act_max;
};

/// `bias` may be null; `scratch` holds output_h * output_w * output_c * batches int32 values.
inline void transpose_conv_s8(const TransposeConvParams& p, const int8_t* input, const int8_t* filter,
                              const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                              int32_t* scratch, int8_t* output) {
  const int32_t out_size = p.batches * p.output_h * p.output_w * p.output_c;
  for (int32_t i = 0; i < out_size; ++i) scratch[i] = 0;
  const int32_t filter_step = p.filter_h * p.filter_w * p.input_c;  // one output channel of the filter
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t in_y = 0; in_y < p.input_h; ++in_y) {
      for (int32_t in_x = 0; in_x < p.input_w; ++in_x) {
        const int8_t* x = input + ((b * p.input_h + in_y) * p.input_w + in_x) * p.input_c;
        const int32_t out_y0 = in_y * p.stride_h - p.pad_h;
        const int32_t out_x0 = in_x * p.stride_w - p.pad_w;
        for (int32_t fy = 0; fy < p.filter_h; ++fy) {
          const int32_t out_y = out_y0 + fy;
          if (out_y < 0 || out_y >= p.output_h) continue;
          for (int32_t fx = 0; fx < p.filter_w; ++fx) {
            const int32_t out_x = out_x0 + fx;
            if (out_x < 0 || out_x >= p.output_w) continue;
            int32_t* acc = scratch + ((b * p.output_h + out_y) * p.output_w + out_x) * p.output_c;
            const int8_t* w = filter + (fy * p.filter_w + fx) * p.input_c;
            for (int32_t oc = 0; oc < p.output_c; ++oc, w += filter_step) {
              int32_t sum = acc[oc];
              for (int32_t ic = 0; ic < p.input_c; ++ic) sum = add_wrap(sum, (x[ic] + p.input_offset) * w[ic]);
              acc[oc] = sum;
            }
          }
        }
      }
    }
  }
  for (int32_t i = 0; i < out_size; ++i) {
    const int32_t oc = i % p.output_c;
    const int32_t acc = bias ? add_wrap(scratch[i], bias[oc]) : scratch[i];
    output[i] = static_cast<int8_t>(requantize(acc, multiplier[oc], shift[oc], p.output_zero_point, p.act_min,
                                               p.act_max));
  }
}

}  // namespace tinyaot_rt
