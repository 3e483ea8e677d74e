// tinyaot runtime: CONV_2D reading an NCHW input (the model's input before a leading TRANSPOSE to NHWC,
// fused away by the compiler's fuse-input-transpose pass). The reference convolution of conv2d.h with
// only the input index changed: element (y, x, c) of the NHWC view sits at (c * H + y) * W + x. Same
// parameters, filter (OHWI), folded bias and requantization, so the output is bit-exact with TRANSPOSE
// then conv2d_s8.
#pragma once

#include <cstdint>

#include "tinyaot_rt/conv2d.h"

namespace tinyaot_rt {

namespace detail {

/// Where element (y, x, c) of one NCHW input image sits; `p` describes the NHWC view.
struct NchwInput {
  static int64_t at(const Conv2DParams& p, int32_t y, int32_t x, int32_t c) {
    return (static_cast<int64_t>(c) * p.input_h + y) * p.input_w + x;
  }
};

}  // namespace detail

/// int8 convolution of an NCHW input; `p` describes the NHWC view (input_h/w/c as conv2d_s8 sees them).
inline void conv2d_nchw_s8(const Conv2DParams& p, const int8_t* input, const int8_t* filter,
                           const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                           int8_t* output) {
  detail::conv2d<int32_t, int8_t, int32_t, detail::NchwInput>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
