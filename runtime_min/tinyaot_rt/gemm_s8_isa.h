// tinyaot runtime: int8 FULLY_CONNECTED and CONV_2D written once over an instruction-set policy.
// The work of both ops is dot products of int8 rows: an FC output is one dot of accum_depth; a CONV_2D
// output pixel is, per filter row, one dot over filter_w * input_c contiguous bytes (no groups, dilation_w
// 1). A policy `Isa` (DSP in gemm_s8_dsp.h, Helium in gemm_s8_mve.h) provides
//   static constexpr int kRows;   output channels computed together (they share the input loads)
//   template <int N> static void dot(const int8_t* x, const int8_t* w, int32_t w_stride, int32_t len,
//                                    int32_t* acc);   acc[r] += x[0..len) . w[r*w_stride + 0..len)
//   static int32_t sum(const int8_t* w, int32_t len);  sum of w[0..len) (padded taps)
//   static void requant(const int32_t* acc, int32_t n, const int32_t* bias, const int32_t* mult,
//                       const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max,
//                       int8_t* out);   n consecutive channels, bias may be null
// Integer sums are exact modulo 2^32 in any order, so the results equal the reference kernels bit for bit.
// CONV_2D takes one of three paths: pointwise (1x1, no padding: a matrix-vector product per pixel), im2col
// (filters up to kIm2colMaxBytes: the window is copied to a stack buffer, padded taps = input zero
// point, then one dot per channel), or per filter row (larger filters, padded taps summed separately).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "tinyaot_rt/conv2d.h"
#include "tinyaot_rt/conv_common.h"
#include "tinyaot_rt/fully_connected.h"

namespace tinyaot_rt {
namespace detail {

/// Scalar requantization of n consecutive output channels (the reference arithmetic).
inline void requant_s8_scalar(const int32_t* acc, int32_t n, const int32_t* bias, const int32_t* mult,
                              const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max,
                              int8_t* out) {
  for (int32_t i = 0; i < n; ++i) {
    const int32_t a = bias ? add_wrap(acc[i], bias[i]) : acc[i];
    out[i] = static_cast<int8_t>(requantize(a, mult[i], shift[i], out_zp, act_min, act_max));
  }
}

/// N consecutive output channels from one contiguous input column x of length k.
template <class Isa, int N>
inline void gemv_rows(const int8_t* x, const int8_t* filter, int32_t k, int32_t oc, const int32_t* bias,
                      const int32_t* mult, const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max,
                      int8_t* out) {
  int32_t acc[static_cast<std::size_t>(N)] = {};
  Isa::template dot<N>(x, filter + static_cast<int64_t>(oc) * k, k, k, acc);
  Isa::requant(acc, N, bias ? bias + oc : nullptr, mult + oc, shift + oc, out_zp, act_min, act_max, out + oc);
}

/// Every output channel of one input column (an FC batch row, a 1x1 conv pixel or an im2col window).
template <class Isa>
inline void gemv_s8(const int8_t* x, const int8_t* filter, int32_t k, int32_t out_c, const int32_t* bias,
                    const int32_t* mult, const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max,
                    int8_t* out) {
  constexpr int N = Isa::kRows;
  int32_t oc = 0;
  for (; oc + N <= out_c; oc += N)
    gemv_rows<Isa, N>(x, filter, k, oc, bias, mult, shift, out_zp, act_min, act_max, out);
  for (; oc < out_c; ++oc) gemv_rows<Isa, 1>(x, filter, k, oc, bias, mult, shift, out_zp, act_min, act_max, out);
}

template <class Isa>
inline void fully_connected_s8_isa(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                                   const int32_t* bias, const int32_t* mult, const int32_t* shift,
                                   int8_t* output) {
  for (int32_t b = 0; b < p.batches; ++b)
    gemv_s8<Isa>(input + static_cast<int64_t>(b) * p.accum_depth, filter, p.accum_depth, p.output_depth, bias,
                 mult, shift, p.output_zero_point, p.act_min, p.act_max,
                 output + static_cast<int64_t>(b) * p.output_depth);
}

/// N output channels of one output pixel; taps [fx_lo, fx_hi) of each window row are inside the image.
template <class Isa, int N>
inline void conv_channels(const Conv2DParams& p, const int8_t* in_b, const int8_t* filter, const int32_t* bias,
                          const int32_t* mult, const int32_t* shift, int32_t oc, int32_t in_y0, int32_t in_x0,
                          int32_t fx_lo, int32_t fx_hi, int8_t* out) {
  const int32_t row_len = p.filter_w * p.input_c;
  const int32_t k = p.filter_h * row_len;  // filter bytes per output channel
  const int32_t lo = fx_lo * p.input_c, hi = fx_hi * p.input_c;
  const bool clipped = lo > 0 || hi < row_len;
  int32_t acc[static_cast<std::size_t>(N)] = {};
  const int8_t* w_oc = filter + static_cast<int64_t>(oc) * k;
  for (int32_t fy = 0; fy < p.filter_h; ++fy) {
    const int8_t* w_row = w_oc + fy * row_len;
    const int32_t in_y = in_y0 + fy * p.dilation_h;
    if (in_y < 0 || in_y >= p.input_h || lo >= hi) {
      // A padded row: every tap reads the input zero point (the bias was folded with it).
      if (p.input_zero_point != 0)
        for (int r = 0; r < N; ++r)
          acc[r] = add_wrap(acc[r], p.input_zero_point * Isa::sum(w_row + r * k, row_len));
      continue;
    }
    const int8_t* x = in_b + (static_cast<int64_t>(in_y) * p.input_w + in_x0 + fx_lo) * p.input_c;
    Isa::template dot<N>(x, w_row + lo, k, hi - lo, acc);
    if (clipped && p.input_zero_point != 0)
      for (int r = 0; r < N; ++r) {
        const int32_t outside = Isa::sum(w_row + r * k, lo) + Isa::sum(w_row + r * k + hi, row_len - hi);
        acc[r] = add_wrap(acc[r], p.input_zero_point * outside);
      }
  }
  Isa::requant(acc, N, bias ? bias + oc : nullptr, mult + oc, shift + oc, p.output_zero_point, p.act_min,
               p.act_max, out + oc);
}

/// Largest filter (filter_h * filter_w * input_c bytes) gathered into a stack buffer per output pixel.
constexpr int32_t kIm2colMaxBytes = 1024;

/// Convolution through an im2col column per output pixel: the window (padded taps = input zero point) is
/// copied into one contiguous buffer, so each output channel is a single dot product of the filter size.
template <class Isa>
__attribute__((noinline)) void conv2d_s8_im2col(const Conv2DParams& p, const int8_t* input, const int8_t* filter,
                                                const int32_t* bias, const int32_t* mult, const int32_t* shift,
                                                int8_t* output) {
  int8_t col[kIm2colMaxBytes];
  const int32_t row_len = p.filter_w * p.input_c;
  const int32_t k = p.filter_h * row_len;
  const int zp = static_cast<int8_t>(p.input_zero_point);
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_h;
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_w;
        const int32_t fx_lo = in_x0 < 0 ? -in_x0 : 0;
        const int32_t fx_end = p.input_w - in_x0;
        const int32_t fx_hi = fx_end < p.filter_w ? (fx_end > fx_lo ? fx_end : fx_lo) : p.filter_w;
        const auto lo = static_cast<std::size_t>(fx_lo * p.input_c);
        const auto hi = static_cast<std::size_t>(fx_hi * p.input_c);
        const auto len = static_cast<std::size_t>(row_len);
        int8_t* dst = col;
        for (int32_t fy = 0; fy < p.filter_h; ++fy, dst += row_len) {
          const int32_t in_y = in_y0 + fy * p.dilation_h;
          if (in_y < 0 || in_y >= p.input_h || lo >= hi) {
            std::memset(dst, zp, len);
            continue;
          }
          if (lo > 0) std::memset(dst, zp, lo);
          std::memcpy(dst + lo, in_b + (static_cast<int64_t>(in_y) * p.input_w + in_x0 + fx_lo) * p.input_c, hi - lo);
          if (hi < len) std::memset(dst + hi, zp, len - hi);
        }
        int8_t* out = output + ((static_cast<int64_t>(b) * p.output_h + oy) * p.output_w + ox) * p.output_c;
        gemv_s8<Isa>(col, filter, k, p.output_c, bias, mult, shift, p.output_zero_point, p.act_min, p.act_max, out);
      }
    }
  }
}

template <class Isa>
inline void conv2d_s8_isa(const Conv2DParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                          const int32_t* mult, const int32_t* shift, int8_t* output) {
  // Grouped or horizontally dilated filters do not read contiguous rows: reference kernel.
  if (p.filter_c != p.input_c || p.dilation_w != 1) {
    conv2d<int32_t>(p, input, filter, bias, mult, shift, output);
    return;
  }
  const int32_t k = p.filter_h * p.filter_w * p.input_c;
  if (p.filter_h == 1 && p.filter_w == 1 && p.pad_h == 0 && p.pad_w == 0) {
    // Pointwise: each output pixel is one input pixel's channels times the filter matrix.
    for (int32_t b = 0; b < p.batches; ++b)
      for (int32_t oy = 0; oy < p.output_h; ++oy)
        for (int32_t ox = 0; ox < p.output_w; ++ox) {
          const int8_t* x = input + ((static_cast<int64_t>(b) * p.input_h + oy * p.stride_h) * p.input_w +
                                     ox * p.stride_w) * p.input_c;
          int8_t* out = output + ((static_cast<int64_t>(b) * p.output_h + oy) * p.output_w + ox) * p.output_c;
          gemv_s8<Isa>(x, filter, k, p.output_c, bias, mult, shift, p.output_zero_point, p.act_min, p.act_max, out);
        }
    return;
  }
  if (k <= kIm2colMaxBytes) {
    conv2d_s8_im2col<Isa>(p, input, filter, bias, mult, shift, output);
    return;
  }
  constexpr int N = Isa::kRows;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_h;
      for (int32_t ox = 0; ox < p.output_w; ++ox) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_w;
        const int32_t fx_lo = in_x0 < 0 ? -in_x0 : 0;
        const int32_t fx_end = p.input_w - in_x0;
        const int32_t fx_hi = fx_end < p.filter_w ? (fx_end > fx_lo ? fx_end : fx_lo) : p.filter_w;
        int8_t* out = output + ((static_cast<int64_t>(b) * p.output_h + oy) * p.output_w + ox) * p.output_c;
        int32_t oc = 0;
        for (; oc + N <= p.output_c; oc += N)
          conv_channels<Isa, N>(p, in_b, filter, bias, mult, shift, oc, in_y0, in_x0, fx_lo, fx_hi, out);
        for (; oc < p.output_c; ++oc)
          conv_channels<Isa, 1>(p, in_b, filter, bias, mult, shift, oc, in_y0, in_x0, fx_lo, fx_hi, out);
      }
    }
  }
}

}  // namespace detail
}  // namespace tinyaot_rt
