// tinyaot runtime: CONV_2D int8 for cores with the DSP extension (M4, M7, M33): SMLAD dot products over
// contiguous filter rows. Pointwise layers and windows up to kPairWindowMax bytes run two output pixels
// per pass (gemm_s8_dsp_pair.h: each weight split feeds both pixels): pointwise layers read the two input
// pixels directly, others copy both windows (im2col). Other layers run one pixel at a time
// (gemm_s8_isa.h). Same signature and bit-exact results as conv2d_s8 (conv2d.h); chosen at emit time.
#pragma once

#include "tinyaot_rt/dispatch.h"
#include "tinyaot_rt/gemm_s8_dsp.h"
#include "tinyaot_rt/gemm_s8_dsp_pair.h"

namespace tinyaot_rt {
namespace detail {

/// Longest window (filter bytes per output channel) copied for two pixels (3x3x64; 2 x 640 bytes of stack).
constexpr int32_t kPairWindowMax = 640;

/// True for a 1x1 convolution without padding (each output pixel reads one input pixel).
inline bool conv_pointwise(const Conv2DParams& p) {
  return p.filter_h == 1 && p.filter_w == 1 && p.pad_h == 0 && p.pad_w == 0;
}

/// True when conv_pixel_pair_dsp handles the layer: pointwise layers of any depth, other windows up to
/// kPairWindowMax bytes.
inline bool conv_pair_ok(const Conv2DParams& p) {
  const int32_t k = p.filter_h * p.filter_w * p.input_c;
  return conv_isa_supported(p) && k >= 4 && (conv_pointwise(p) || k <= kPairWindowMax);
}

/// Output pixels (oy0, ox0) and (oy1, ox1) of batch image in_b (conv_pair_ok layers), all channels.
__attribute__((noinline)) inline void conv_pixel_pair_dsp(const Conv2DParams& p, const int8_t* in_b,
                                                          const int8_t* filter, const int32_t* bias,
                                                          const int32_t* mult, const int32_t* shift, int32_t oy0,
                                                          int32_t ox0, int32_t oy1, int32_t ox1, int8_t* out0,
                                                          int8_t* out1) {
  const int32_t k = p.filter_h * p.filter_w * p.input_c;
  const bool pointwise = conv_pointwise(p);
  int8_t cols[2][kPairWindowMax];
  const int8_t* xa = in_b + (static_cast<int64_t>(oy0) * p.stride_h * p.input_w + ox0 * p.stride_w) * p.input_c;
  const int8_t* xb = in_b + (static_cast<int64_t>(oy1) * p.stride_h * p.input_w + ox1 * p.stride_w) * p.input_c;
  if (!pointwise) {
    const WindowSpan a = window_span(p, oy0, ox0), b = window_span(p, oy1, ox1);
    im2col_window(p, in_b, a.in_y0, a.in_x0, a.fx_lo, a.fx_hi, cols[0]);
    im2col_window(p, in_b, b.in_y0, b.in_x0, b.fx_lo, b.fx_hi, cols[1]);
    xa = cols[0];
    xb = cols[1];
  }
  gemv_pair_s8_dsp(xa, xb, filter, k, p.output_c, bias, mult, shift, p.output_zero_point, p.act_min, p.act_max,
                   out0, out1);
}

/// Every output pixel of a conv_pair_ok layer, two at a time; an odd last pixel is computed as a pair
/// with itself (both results written to the same place), so the one-pixel code is not linked for it.
__attribute__((noinline)) inline void conv2d_pairs_dsp(const Conv2DParams& p, const int8_t* input,
                                                       const int8_t* filter, const int32_t* bias,
                                                       const int32_t* multiplier, const int32_t* shift,
                                                       int8_t* output) {
  const int32_t n = p.output_h * p.output_w;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
    int8_t* out_b = output + static_cast<int64_t>(b) * n * p.output_c;
    for (int32_t k = 0; k < n; k += 2) {
      const int32_t k1 = k + 1 < n ? k + 1 : k;
      conv_pixel_pair_dsp(p, in_b, filter, bias, multiplier, shift, k / p.output_w, k % p.output_w, k1 / p.output_w,
                          k1 % p.output_w, out_b + k * p.output_c, out_b + k1 * p.output_c);
    }
  }
}

/// conv2d_s8_isa<DspIsa> out of line (one copy for all layers that need it).
__attribute__((noinline)) inline void conv2d_single_dsp(const Conv2DParams& p, const int8_t* input,
                                                        const int8_t* filter, const int32_t* bias,
                                                        const int32_t* multiplier, const int32_t* shift,
                                                        int8_t* output) {
  conv2d_s8_isa<DspIsa>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace detail

/// int8 convolution, DSP-extension kernel (see conv2d_s8 for the arguments).
TINYAOT_RT_DISPATCH void conv2d_s8_dsp(const Conv2DParams& p, const int8_t* input, const int8_t* filter,
                                       const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                                       int8_t* output) {
  if (detail::conv_pair_ok(p)) detail::conv2d_pairs_dsp(p, input, filter, bias, multiplier, shift, output);
  else detail::conv2d_single_dsp(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
