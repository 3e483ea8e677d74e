// tinyaot runtime: in-place CONV_2D and DEPTHWISE_CONV_2D (conv_inplace.h) for Helium cores (M55, M85).
// The in-place pass stages whole output pixels in a ring; here each pixel is computed by the Helium
// kernels' per-pixel code (VMLADAVA dot products, VMULLB/VMULLT depthwise), so running in place costs only
// the ring copy. Layers those kernels do not handle (grouped, horizontally dilated, depth multipliers other
// than 1 or a multiple of 8, builds without MVE for depthwise) use the reference in-place kernels. Same
// signatures and bit-exact results as conv2d_inplace_s8 / depthwise_conv2d_inplace_s8; chosen at emit time.
#pragma once

#include <cstdint>

#include "tinyaot_rt/conv_inplace.h"
#include "tinyaot_rt/depthwise_conv2d_mve.h"
#include "tinyaot_rt/gemm_s8_mve.h"

namespace tinyaot_rt {

/// int8 convolution over an overlapping output, Helium kernel (see conv2d_inplace_s8).
inline void conv2d_inplace_s8_mve(const Conv2DParams& p, const InPlaceParams& ip, const int8_t* input,
                                  const int8_t* filter, const int32_t* bias, const int32_t* multiplier,
                                  const int32_t* shift, int8_t* output, int8_t* ring_buf) {
  if (!detail::conv_isa_supported(p)) {
    detail::conv2d_inplace<int32_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
    return;
  }
  detail::staged_pixels(p.output_h, p.output_w, p.output_c, ip, ring_buf, output,
                        [&](int32_t oy, int32_t ox, int8_t* out) {
                          detail::conv_pixel_s8<detail::MveIsa>(p, input, filter, bias, multiplier, shift, oy, ox,
                                                                out);
                        });
}

/// int8 depthwise convolution over an overlapping output, Helium kernel.
inline void depthwise_conv2d_inplace_s8_mve(const DepthwiseConv2DParams& p, const InPlaceParams& ip,
                                            const int8_t* input, const int8_t* filter, const int32_t* bias,
                                            const int32_t* multiplier, const int32_t* shift, int8_t* output,
                                            int8_t* ring_buf) {
#if TINYAOT_RT_HAVE_MVE
  const bool broadcast = p.depth_multiplier % 8 == 0;
  if (p.depth_multiplier == 1 || broadcast) {
    detail::staged_pixels(p.output_h, p.output_w, p.output_c, ip, ring_buf, output,
                          [&](int32_t oy, int32_t ox, int8_t* out) {
                            if (broadcast)
                              detail::depthwise_mve_pixel<true>(p, input, filter, bias, multiplier, shift, oy, ox, out);
                            else
                              detail::depthwise_mve_pixel<false>(p, input, filter, bias, multiplier, shift, oy, ox,
                                                                 out);
                          });
    return;
  }
#endif
  detail::depthwise_conv2d_inplace<int32_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
}

}  // namespace tinyaot_rt
