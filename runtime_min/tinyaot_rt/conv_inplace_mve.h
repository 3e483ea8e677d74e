// tinyaot runtime: in-place CONV_2D and DEPTHWISE_CONV_2D (conv_inplace.h) for Helium cores (M55, M85).
// The in-place pass stages whole output pixels in a ring; here each pixel is computed by the Helium
// kernels' per-pixel code (VMLADAVA dot products, VMULLB/VMULLT depthwise), so running in place costs only
// the ring copy (sixteen bytes per vector). CONV_2D layers that conv_group_ok() accepts compute four pixels
// per call through staged_pixel_groups (conv_group_mve.h). Depthwise layers with depth multiplier 1 take the
// fixed-window path of depthwise_conv2d_mve.h. Layers those kernels do not handle (grouped, horizontally
// dilated, depth multipliers other than 1 or a multiple of 8, builds without MVE for depthwise) use the
// reference in-place kernels. Same signatures and bit-exact results as conv2d_inplace_s8 /
// depthwise_conv2d_inplace_s8; chosen at emit time.
#pragma once

#include <cstdint>

#include "tinyaot_rt/conv_group_mve.h"
#include "tinyaot_rt/conv_inplace.h"
#include "tinyaot_rt/depthwise_conv2d_mve.h"
#include "tinyaot_rt/gemm_s8_mve.h"

namespace tinyaot_rt {

namespace detail {

#if TINYAOT_RT_HAVE_MVE
/// Copies n bytes sixteen at a time, the last vector tail-predicated.
__attribute__((always_inline)) inline void copy_pixel_mve(const int8_t* from, int8_t* to, int32_t n) {
  for (int32_t i = 0; i < n; i += 16) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(n - i));
    vstrbq_p_s8(to + i, vldrbq_z_s8(from + i, p), p);
  }
}


/// depthwise_inplace_fixed_run in the form of the layer (right shifts only or not); `bias` must not be null.
TINYAOT_RT_DISPATCH void depthwise_inplace_fixed_mve(const DepthwiseConv2DParams& p, const InPlaceParams& ip,
                                        const int8_t* input, const int8_t* filter, const int32_t* bias,
                                        const int32_t* mult, const int32_t* shift, int8_t* output,
                                        int8_t* ring_buf) {
  const DwFixedCtx ctx = dw_fixed_ctx(p, shift, input);
  const bool right = ctx.form == mve::RequantForm::kRightOnly;
  depthwise_inplace_fixed_run(p, right, ctx, ip, input, filter, bias, mult, shift, output, ring_buf);
}
#endif

/// staged_pixels() (conv_inplace.h) with the ring slot copied out sixteen bytes per VLDRB/VSTRB pair,
/// the last vector tail-predicated: a byte loop cost three instructions per byte, as much as the
/// requantization of a depthwise pixel.
template <typename Compute>
inline void staged_pixels_mve(int32_t out_h, int32_t out_w, int32_t pixel_elems, const InPlaceParams& ip,
                              int8_t* ring_buf, int8_t* output, Compute compute) {
#if TINYAOT_RT_HAVE_MVE
  staged_pixels(out_h, out_w, pixel_elems, ip, ring_buf, output, compute,
                [](const int8_t* from, int8_t* to, int32_t n) { copy_pixel_mve(from, to, n); });
#else
  staged_pixels(out_h, out_w, pixel_elems, ip, ring_buf, output, compute);
#endif
}

}  // namespace detail

/// int8 convolution over an overlapping output, Helium kernel (see conv2d_inplace_s8).
TINYAOT_RT_DISPATCH void conv2d_inplace_s8_mve(const Conv2DParams& p, const InPlaceParams& ip, const int8_t* input,
                                               const int8_t* filter, const int32_t* bias, const int32_t* multiplier,
                                               const int32_t* shift, int8_t* output, int8_t* ring_buf) {
  if (!detail::conv_isa_supported(p)) {
    detail::conv2d_inplace<int32_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
    return;
  }
#if TINYAOT_RT_HAVE_MVE
  if (detail::conv_group_ok(p)) {
    detail::conv_group_inplace(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
    return;
  }
  if (detail::conv_is_pointwise(p)) {
    const mve::RequantForm form = mve::requant_form(shift, p.output_c);
    detail::staged_pixels_mve(p.output_h, p.output_w, p.output_c, ip, ring_buf, output,
                              [&](int32_t oy, int32_t ox, int8_t* out) {
                                detail::pointwise_pixel_mve(p, input, filter, bias, multiplier, shift, form, oy, ox,
                                                            out);
                              });
    return;
  }
#endif
  detail::staged_pixels_mve(p.output_h, p.output_w, p.output_c, ip, ring_buf, output,
                            [&](int32_t oy, int32_t ox, int8_t* out) {
                              detail::conv_pixel_s8<detail::MveIsa>(p, input, filter, bias, multiplier, shift,
                                                                    oy, ox, out);
                            });
}

/// int8 depthwise convolution over an overlapping output, Helium kernel.
TINYAOT_RT_DISPATCH void depthwise_conv2d_inplace_s8_mve(const DepthwiseConv2DParams& p, const InPlaceParams& ip,
                                            const int8_t* input, const int8_t* filter, const int32_t* bias,
                                            const int32_t* multiplier, const int32_t* shift, int8_t* output,
                                            int8_t* ring_buf) {
#if TINYAOT_RT_HAVE_MVE
  // The fixed-window kernel is linked in its with-bias forms only: the compiler folds the input zero
  // point into the bias, so a null bias (all zero) is rare and takes the per-pixel path below.
  if (detail::dw_fixed_ok(p) && bias) {
    detail::depthwise_inplace_fixed_mve(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
    return;
  }
  const bool broadcast = p.depth_multiplier % 8 == 0;
  if (p.depth_multiplier == 1 || broadcast) {
    detail::staged_pixels_mve(p.output_h, p.output_w, p.output_c, ip, ring_buf, output,
                              [&](int32_t oy, int32_t ox, int8_t* out) {
                                if (broadcast)
                                  detail::depthwise_mve_pixel<true>(p, input, filter, bias, multiplier, shift, oy, ox,
                                                                    out);
                                else
                                  detail::depthwise_mve_pixel<false>(p, input, filter, bias, multiplier, shift, oy,
                                                                     ox, out);
                              });
    return;
  }
#endif
  detail::depthwise_conv2d_inplace<int32_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
}

}  // namespace tinyaot_rt
