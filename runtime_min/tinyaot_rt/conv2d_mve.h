// tinyaot runtime: CONV_2D int8 for Helium cores (M55, M85). Windows (im2col) and pointwise layers of up
// to 16 input channels compute four output pixels per call (conv_group_mve.h: each filter vector loaded
// once for four VMLADAVAs). Deeper pointwise layers check their requantization form once and run
// gemv_s8_mve per pixel (column in registers, or four channels per input load); the rest (filters over
// 576 bytes) goes per pixel through gemm_s8_isa.h. Same signature and bit-exact results as conv2d_s8
// (conv2d.h); chosen at emit time.
#pragma once

#include "tinyaot_rt/conv_group_mve.h"
#include "tinyaot_rt/gemm_s8_mve.h"

namespace tinyaot_rt {

/// int8 convolution, Helium kernel (see conv2d_s8 for the arguments).
TINYAOT_RT_DISPATCH void conv2d_s8_mve(const Conv2DParams& p, const int8_t* input, const int8_t* filter,
                                       const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                                       int8_t* output) {
#if TINYAOT_RT_HAVE_MVE
  if (detail::conv_group_ok(p)) {
    detail::conv_group_run(p, input, filter, bias, multiplier, shift, output);
    return;
  }
  if (detail::conv_is_pointwise(p)) {
    // The requantization form is checked once for the layer instead of assumed general per pixel.
    const mve::RequantForm form = mve::requant_form(shift, p.output_c);
    for (int32_t b = 0; b < p.batches; ++b) {
      const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
      int8_t* out_b = output + static_cast<int64_t>(b) * p.output_h * p.output_w * p.output_c;
      for (int32_t oy = 0; oy < p.output_h; ++oy)
        for (int32_t ox = 0; ox < p.output_w; ++ox)
          detail::pointwise_pixel_mve(p, in_b, filter, bias, multiplier, shift, form, oy, ox,
                                      out_b + (static_cast<int64_t>(oy) * p.output_w + ox) * p.output_c);
    }
    return;
  }
#endif
  detail::conv2d_s8_isa<detail::MveIsa>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
