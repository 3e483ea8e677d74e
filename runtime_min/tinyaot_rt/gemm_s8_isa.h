// tinyaot runtime: int8 FULLY_CONNECTED and CONV_2D written once over an instruction-set policy.
// The work of both ops is dot products of int8 rows: an FC output is one dot of accum_depth; a CONV_2D
// output pixel is, per filter row, one dot over filter_w * input_c contiguous bytes (no groups, dilation_w
// 1). A policy `Isa` (DSP in gemm_s8_dsp.h, Helium in gemm_s8_mve.h) provides
//   static constexpr int kRows;   output channels computed together (they share the input loads)
//   template <int N> static void dot(const int8_t* x, const int8_t* w, int32_t w_stride, int32_t len,
//                                    int32_t* acc);   acc[r] += x[0..len) . w[r*w_stride + 0..len)
//   static int32_t sum(const int8_t* w, int32_t len);  sum of w[0..len) (padded taps)
//   struct Column; dot_col<N>(col, w, w_stride, len, acc)  like dot() for a whole input column prepared
//                                  once per matrix-vector product (Column(x, len))
//   static void requant(const int32_t* acc, int32_t n, const int32_t* bias, const int32_t* mult,
//                       const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max,
//                       int8_t* out);   n consecutive channels, bias may be null
// Integer sums are exact modulo 2^32 in any order, so the results equal the reference kernels bit for bit.
// CONV_2D works pixel by pixel (conv_pixel_s8, also used by the in-place variants) on one of three paths:
// pointwise (1x1, no padding: a matrix-vector product), im2col (filters up to kIm2colMaxBytes: the window
// is copied to a stack buffer, padded taps = input zero point, then one dot per channel), or per filter
// row (larger filters, padded taps summed separately).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

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

/// Output channels requantized together after their dot products (one pass with the per-layer constants
/// kept in registers, instead of one short call per kRows channels).
constexpr int32_t kGemvChunk = 64;

/// Every output channel of one input column (an FC batch row, a 1x1 conv pixel or an im2col window).
/// kPrepare: the column is prepared once (Isa::Column, e.g. split into 16-bit pairs) and the dot products
/// read it (Isa::dot_col); measured to pay off for FULLY_CONNECTED (long columns, many channels) but not
/// for the short columns of convolutions, which read x directly (Isa::dot).
template <class Isa, bool kPrepare = false>
inline void gemv_s8(const int8_t* x, const int8_t* filter, int32_t k, int32_t out_c, const int32_t* bias,
                    const int32_t* mult, const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max,
                    int8_t* out) {
  constexpr int N = Isa::kRows;
  struct Unprepared {
    Unprepared(const int8_t*, int32_t) {}
  };
  // The prepared column exists only when asked for (it may be a large stack object).
  const std::conditional_t<kPrepare, typename Isa::Column, Unprepared> col(x, k);
  int32_t acc[kGemvChunk];
  for (int32_t c0 = 0; c0 < out_c; c0 += kGemvChunk) {
    const int32_t n = out_c - c0 < kGemvChunk ? out_c - c0 : kGemvChunk;
    const int8_t* w = filter + static_cast<int64_t>(c0) * k;
    int32_t i = 0;
    for (; i + N <= n; i += N) {
      for (int r = 0; r < N; ++r) acc[i + r] = 0;
      if constexpr (kPrepare) Isa::template dot_col<N>(col, w + static_cast<int64_t>(i) * k, k, k, acc + i);
      else Isa::template dot<N>(x, w + static_cast<int64_t>(i) * k, k, k, acc + i);
    }
    if constexpr (N > 2) {
      if (i + 2 <= n) {  // two of the last channels still share their input loads
        acc[i] = acc[i + 1] = 0;
        if constexpr (kPrepare) Isa::template dot_col<2>(col, w + static_cast<int64_t>(i) * k, k, k, acc + i);
        else Isa::template dot<2>(x, w + static_cast<int64_t>(i) * k, k, k, acc + i);
        i += 2;
      }
    }
    for (; i < n; ++i) {
      acc[i] = 0;
      if constexpr (kPrepare) Isa::template dot_col<1>(col, w + static_cast<int64_t>(i) * k, k, k, acc + i);
      else Isa::template dot<1>(x, w + static_cast<int64_t>(i) * k, k, k, acc + i);
    }
    Isa::requant(acc, n, bias ? bias + c0 : nullptr, mult + c0, shift + c0, out_zp, act_min, act_max, out + c0);
  }
}

template <class Isa>
inline void fully_connected_s8_isa(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                                   const int32_t* bias, const int32_t* mult, const int32_t* shift,
                                   int8_t* output) {
  for (int32_t b = 0; b < p.batches; ++b)
    gemv_s8<Isa, true>(input + static_cast<int64_t>(b) * p.accum_depth, filter, p.accum_depth, p.output_depth,
                       bias, mult, shift, p.output_zero_point, p.act_min, p.act_max,
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

/// The window of one output pixel copied into col[0 .. filter_h * filter_w * input_c) (padded taps = the
/// input zero point); taps [fx_lo, fx_hi) of each window row are inside the image.
inline void im2col_window(const Conv2DParams& p, const int8_t* in_b, int32_t in_y0, int32_t in_x0, int32_t fx_lo,
                          int32_t fx_hi, int8_t* col) {
  const int32_t row_len = p.filter_w * p.input_c;
  const int zp = static_cast<int8_t>(p.input_zero_point);
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
}

/// The window origin of output pixel (oy, ox) and the taps of each window row inside the image.
struct WindowSpan {
  int32_t in_y0, in_x0, fx_lo, fx_hi;
};
inline WindowSpan window_span(const Conv2DParams& p, int32_t oy, int32_t ox) {
  const int32_t in_y0 = oy * p.stride_h - p.pad_h;
  const int32_t in_x0 = ox * p.stride_w - p.pad_w;
  const TapRun run = taps_inside(in_x0, p.input_w, p.filter_w);
  return {in_y0, in_x0, run.lo, run.hi};
}

/// One output pixel through an im2col column: the window (padded taps = input zero point) is copied into
/// one contiguous buffer, so each output channel is a single dot product of the filter size. Not inlined so
/// the buffer lives only in this frame.
template <class Isa>
__attribute__((noinline)) void conv_pixel_im2col(const Conv2DParams& p, const int8_t* in_b, const int8_t* filter,
                                                 const int32_t* bias, const int32_t* mult, const int32_t* shift,
                                                 int32_t in_y0, int32_t in_x0, int32_t fx_lo, int32_t fx_hi,
                                                 int8_t* out) {
  int8_t col[kIm2colMaxBytes];
  im2col_window(p, in_b, in_y0, in_x0, fx_lo, fx_hi, col);
  gemv_s8<Isa>(col, filter, p.filter_h * p.filter_w * p.input_c, p.output_c, bias, mult, shift, p.output_zero_point,
               p.act_min, p.act_max, out);
}

/// True when conv_pixel_s8 handles the layer (contiguous filter rows: no groups, no horizontal dilation).
inline bool conv_isa_supported(const Conv2DParams& p) { return p.filter_c == p.input_c && p.dilation_w == 1; }

/// Every output channel of output pixel (oy, ox) of batch image in_b, written to out[0..output_c).
template <class Isa>
inline void conv_pixel_s8(const Conv2DParams& p, const int8_t* in_b, const int8_t* filter, const int32_t* bias,
                          const int32_t* mult, const int32_t* shift, int32_t oy, int32_t ox, int8_t* out) {
  const int32_t k = p.filter_h * p.filter_w * p.input_c;
  if (p.filter_h == 1 && p.filter_w == 1 && p.pad_h == 0 && p.pad_w == 0) {
    // Pointwise: the output pixel is one input pixel's channels times the filter matrix.
    const int8_t* x = in_b + (static_cast<int64_t>(oy) * p.stride_h * p.input_w + ox * p.stride_w) * p.input_c;
    gemv_s8<Isa>(x, filter, k, p.output_c, bias, mult, shift, p.output_zero_point, p.act_min, p.act_max, out);
    return;
  }
  const auto [in_y0, in_x0, fx_lo, fx_hi] = window_span(p, oy, ox);
  if (k <= kIm2colMaxBytes) {
    conv_pixel_im2col<Isa>(p, in_b, filter, bias, mult, shift, in_y0, in_x0, fx_lo, fx_hi, out);
    return;
  }
  // Larger filters: dot products per filter row, padded taps summed separately.
  constexpr int N = Isa::kRows;
  int32_t oc = 0;
  for (; oc + N <= p.output_c; oc += N)
    conv_channels<Isa, N>(p, in_b, filter, bias, mult, shift, oc, in_y0, in_x0, fx_lo, fx_hi, out);
  for (; oc < p.output_c; ++oc)
    conv_channels<Isa, 1>(p, in_b, filter, bias, mult, shift, oc, in_y0, in_x0, fx_lo, fx_hi, out);
}

template <class Isa>
inline void conv2d_s8_isa(const Conv2DParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                          const int32_t* mult, const int32_t* shift, int8_t* output) {
  // Grouped or horizontally dilated filters do not read contiguous rows: reference kernel.
  if (!conv_isa_supported(p)) {
    conv2d<int32_t>(p, input, filter, bias, mult, shift, output);
    return;
  }
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
    int8_t* out_b = output + static_cast<int64_t>(b) * p.output_h * p.output_w * p.output_c;
    for (int32_t oy = 0; oy < p.output_h; ++oy)
      for (int32_t ox = 0; ox < p.output_w; ++ox)
        conv_pixel_s8<Isa>(p, in_b, filter, bias, mult, shift, oy, ox,
                           out_b + (static_cast<int64_t>(oy) * p.output_w + ox) * p.output_c);
  }
}

}  // namespace detail
}  // namespace tinyaot_rt
