// tinyaot runtime: in-place CONV_2D and DEPTHWISE_CONV_2D (conv_inplace.h) for cores with the DSP
// extension (M4, M7, M33). The in-place pass stages whole output pixels in a ring; here each pixel is
// computed by the DSP kernels' per-pixel code (SMLAD dot products, SMLABB/SMLATT depthwise), so running in
// place costs only the ring copy (a word at a time). Layers those kernels do not handle (grouped, horizontally dilated,
// depth multipliers other than 1 or a multiple of 4) use the reference in-place kernels. Same signatures
// and bit-exact results as conv2d_inplace_s8 / depthwise_conv2d_inplace_s8; chosen at emit time.
#pragma once

#include <cstdint>
#include <cstring>

#include "tinyaot_rt/conv2d_dsp.h"
#include "tinyaot_rt/conv_inplace.h"
#include "tinyaot_rt/depthwise_conv2d_dsp.h"
#include "tinyaot_rt/gemm_s8_dsp.h"

namespace tinyaot_rt {

namespace detail {

/// Copies n bytes a word at a time (unaligned LDR/STR are fine on these cores; memcpy of four bytes
/// compiles to them): the byte loop cost three instructions per byte, a tenth of a depthwise pixel.
__attribute__((always_inline)) inline void copy_pixel_words(const int8_t* from, int8_t* to, int32_t n) {
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    uint32_t v;
    std::memcpy(&v, from + i, 4);
    std::memcpy(to + i, &v, 4);
  }
  for (; i < n; ++i) to[i] = from[i];
}

/// staged_pixels() (conv_inplace.h) with the ring slot copied out by copy_pixel_words().
template <typename Compute>
inline void staged_pixels_words(int32_t out_h, int32_t out_w, int32_t pixel_elems, const InPlaceParams& ip,
                                int8_t* ring_buf, int8_t* output, Compute compute) {
  staged_pixels(out_h, out_w, pixel_elems, ip, ring_buf, output, compute,
                [](const int8_t* from, int8_t* to, int32_t n) { copy_pixel_words(from, to, n); });
}

/// Widest output pixel (channels) staged on the stack by the two-pixel in-place walk.
constexpr int32_t kPairStageMax = 256;

}  // namespace detail

namespace detail {

/// The in-place walk of a conv_pair_ok layer: two pixels per step (conv2d_dsp.h), the second staged
/// here until its ring slot is free; a last single pixel is computed as a pair with itself.
__attribute__((noinline)) inline void conv2d_inplace_pairs_dsp(const Conv2DParams& p, const InPlaceParams& ip,
                                                               const int8_t* input, const int8_t* filter,
                                                               const int32_t* bias, const int32_t* multiplier,
                                                               const int32_t* shift, int8_t* output,
                                                               int8_t* ring_buf) {
  int8_t stage[kPairStageMax];
  staged_pixel_groups<2>(
      p.output_h, p.output_w, p.output_c, ip, ring_buf, output, stage,
      [&](const int32_t* oy, const int32_t* ox, int32_t count, int8_t* const* outs) {
        const int32_t j = count == 2 ? 1 : 0;
        conv_pixel_pair_dsp(p, input, filter, bias, multiplier, shift, oy[0], ox[0], oy[j], ox[j], outs[0], outs[j]);
      },
      [](const int8_t* from, int8_t* to, int32_t n) { copy_pixel_words(from, to, n); });
}

/// The one-pixel in-place walk (other layers), reference kernel for layers the DSP code does not handle.
__attribute__((noinline)) inline void conv2d_inplace_single_dsp(const Conv2DParams& p, const InPlaceParams& ip,
                                                                const int8_t* input, const int8_t* filter,
                                                                const int32_t* bias, const int32_t* multiplier,
                                                                const int32_t* shift, int8_t* output,
                                                                int8_t* ring_buf) {
  if (!conv_isa_supported(p)) {
    conv2d_inplace<int32_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
    return;
  }
  staged_pixels_words(p.output_h, p.output_w, p.output_c, ip, ring_buf, output,
                      [&](int32_t oy, int32_t ox, int8_t* out) {
                        conv_pixel_s8<DspIsa>(p, input, filter, bias, multiplier, shift, oy, ox, out);
                      });
}

}  // namespace detail

/// int8 convolution over an overlapping output, DSP-extension kernel (see conv2d_inplace_s8).
TINYAOT_RT_DISPATCH void conv2d_inplace_s8_dsp(const Conv2DParams& p, const InPlaceParams& ip, const int8_t* input,
                                               const int8_t* filter, const int32_t* bias, const int32_t* multiplier,
                                               const int32_t* shift, int8_t* output, int8_t* ring_buf) {
  if (detail::conv_pair_ok(p) && p.output_c <= detail::kPairStageMax)
    detail::conv2d_inplace_pairs_dsp(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
  else
    detail::conv2d_inplace_single_dsp(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
}

/// int8 depthwise convolution over an overlapping output, DSP-extension kernel.
inline void depthwise_conv2d_inplace_s8_dsp(const DepthwiseConv2DParams& p, const InPlaceParams& ip,
                                            const int8_t* input, const int8_t* filter, const int32_t* bias,
                                            const int32_t* multiplier, const int32_t* shift, int8_t* output,
                                            int8_t* ring_buf) {
  if (detail::dw_dsp_fixed_ok(p)) {
    detail::DwDspCtx ctx;
    detail::dw_dsp_fill_ctx(p, filter, multiplier, shift, ctx);
    detail::staged_pixels_words(p.output_h, p.output_w, p.output_c, ip, ring_buf, output,
                                [&](int32_t oy, int32_t ox, int8_t* out) {
                                  detail::depthwise_dsp_pixel_fixed_any(p, ctx, input, filter, bias,
                                                                        multiplier, shift, oy, ox, out);
                                });
    return;
  }
  const bool broadcast = p.depth_multiplier % 4 == 0;
  if (p.depth_multiplier != 1 && !broadcast) {
    detail::depthwise_conv2d_inplace<int32_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
    return;
  }
  detail::staged_pixels_words(p.output_h, p.output_w, p.output_c, ip, ring_buf, output,
                              [&](int32_t oy, int32_t ox, int8_t* out) {
                                if (broadcast)
                                  detail::depthwise_dsp_pixel<true>(p, input, filter, bias, multiplier, shift, oy, ox,
                                                                    out);
                                else
                                  detail::depthwise_dsp_pixel<false>(p, input, filter, bias, multiplier, shift, oy,
                                                                     ox, out);
                              });
}

}  // namespace tinyaot_rt
