// tinyaot runtime: the columns of a four-pixel group of the Helium CONV_2D (conv_group_mve.h). Window
// layers gather each pixel's im2col column into a stack buffer (padded taps = the input zero point, zero
// past k up to a multiple of 16 bytes); shallow pointwise layers use the input pixels themselves as
// columns. Split from conv_group_mve.h to keep the files short.
#pragma once

#include <cstdint>

#include "tinyaot_rt/conv2d.h"
#include "tinyaot_rt/mve_requant.h"

namespace tinyaot_rt {
namespace detail {

/// Output pixels computed per group.
constexpr int32_t kConvGroup = 4;

#if TINYAOT_RT_HAVE_MVE
/// What conv_group_fill reads of a layer, computed once per layer: derived per group (inside the walk)
/// the sizes and predicates cost about 60 instructions per group.
struct ConvGroupGeom {
  int32_t in_h, in_w, in_c, fh, fw, stride_h, stride_w, pad_h, pad_w, dil_h;
  int32_t row_len, k, row_step, span_h, row_full;
  int8_t zp;
  bool direct;  ///< pointwise of one vector: columns read in place (conv_group_cols)
  mve_pred16_t row_pred, tail_pred;
};

/// The geometry of p for a group buffer of kpad-byte columns.
inline ConvGroupGeom conv_group_geom(const Conv2DParams& p, int32_t kpad) {
  ConvGroupGeom g{};
  g.in_h = p.input_h, g.in_w = p.input_w, g.in_c = p.input_c, g.fh = p.filter_h, g.fw = p.filter_w;
  g.stride_h = p.stride_h, g.stride_w = p.stride_w, g.pad_h = p.pad_h, g.pad_w = p.pad_w, g.dil_h = p.dilation_h;
  g.row_len = g.fw * g.in_c, g.k = g.fh * g.row_len, g.row_step = g.dil_h * g.in_w * g.in_c;
  g.span_h = (g.fh - 1) * g.dil_h, g.row_full = g.row_len / 16 * 16;
  g.zp = static_cast<int8_t>(p.input_zero_point);
  g.direct = kpad == 16 && g.fh == 1 && g.fw == 1 && g.pad_h == 0 && g.pad_w == 0;
  g.row_pred = vctp8q(static_cast<uint32_t>(g.row_len));
  g.tail_pred = vctp8q(static_cast<uint32_t>(g.row_len - g.row_full));
  return g;
}

/// The columns of output pixels (oy[i], ox[i]), i < count, into col + i * kpad: filter_h window rows of
/// filter_w * input_c bytes, padded taps = the input zero point, then zeros up to kpad. The layer's values
/// are copied into locals (stores through int8_t pointers would otherwise make gcc reload them). Rows
/// are copied with full-vector stores whose zeroed excess lands in the next row (written later) or past
/// k (zeroed last), so each column may write up to 16 bytes past col + i * kpad + k.
__attribute__((always_inline)) inline void conv_group_fill(const ConvGroupGeom& g, const int8_t* in,
                                                           const int32_t* oy, const int32_t* ox, int32_t count,
                                                           int8_t* col, int32_t kpad) {
  const ConvGroupGeom p = g;
  const int32_t in_h = p.in_h, in_w = p.in_w, in_c = p.in_c, fh = p.fh, fw = p.fw;
  const int32_t row_len = p.row_len, k = p.k, row_step = p.row_step, span_h = p.span_h, row_full = p.row_full;
  const int8x16_t zp = vdupq_n_s8(p.zp);
  const mve_pred16_t row_pred = p.row_pred, tail_pred = p.tail_pred;
  for (int32_t i = 0; i < count; ++i) {
    int8_t* const start = col + i * kpad;
    int8_t* dst = start;
    const int32_t in_y0 = oy[i] * p.stride_h - p.pad_h, in_x0 = ox[i] * p.stride_w - p.pad_w;
    if (in_y0 >= 0 && in_y0 + span_h < in_h && in_x0 >= 0 && in_x0 + fw <= in_w) {
      // The window is inside the image: every row is row_len contiguous input bytes.
      const int8_t* src = in + (in_y0 * in_w + in_x0) * in_c;
      if (row_len <= 16) {  // one vector per row (e.g. 3x3x3, 1x1x16): the predicate is the layer's
        for (int32_t fy = 0; fy < fh; ++fy, src += row_step, dst += row_len) vstrbq_s8(dst, vldrbq_z_s8(src, row_pred));
      } else {
        // Whole vectors unpredicated, then the row's partial vector with the layer's predicate.
        for (int32_t fy = 0; fy < fh; ++fy, src += row_step, dst += row_len) {
          int32_t j = 0;
          for (; j < row_full; j += 16) vstrbq_s8(dst + j, vldrbq_s8(src + j));
          if (j < row_len) vstrbq_s8(dst + j, vldrbq_z_s8(src + j, tail_pred));
        }
      }
    } else {
      const TapRun run = taps_inside(in_x0, in_w, fw);
      const int32_t lo = run.lo * in_c, hi = run.hi * in_c;
      for (int32_t fy = 0; fy < fh; ++fy, dst += row_len) {
        const int32_t in_y = in_y0 + fy * p.dil_h;
        // The row is set to the zero point, then the taps inside the image are copied over it.
        for (int32_t j = 0; j < row_len; j += 16) vstrbq_s8(dst + j, zp);
        if (in_y < 0 || in_y >= in_h || lo >= hi) continue;
        const int8_t* src = in + (in_y * in_w + in_x0) * in_c;
        for (int32_t j = lo; j < hi; j += 16) {
          const mve_pred16_t m = vctp8q(static_cast<uint32_t>(hi - j));
          vstrbq_p_s8(dst + j, vldrbq_z_s8(src + j, m), m);
        }
      }
    }
    vstrbq_s8(start + k, vdupq_n_s8(0));
  }
}

/// The columns of a group: a pointwise layer of up to 16 input channels reads its pixels straight from
/// the input (the kernel loads only k bytes of each; vww 8->16 spent more on gathering than on the dot
/// products), others are gathered by conv_group_fill. Columns past count are any readable bytes (their
/// sums are never stored).
__attribute__((always_inline)) inline void conv_group_cols(const ConvGroupGeom& p, const int8_t* in,
                                                           const int32_t* oy, const int32_t* ox, int32_t count,
                                                           int8_t* col, int32_t kpad, const int8_t** cols) {
  if (p.direct) {
    for (int32_t i = 0; i < count; ++i) cols[i] = in + (oy[i] * p.stride_h * p.in_w + ox[i] * p.stride_w) * p.in_c;
    for (int32_t i = count; i < kConvGroup; ++i) cols[i] = cols[0];
  } else {
    conv_group_fill(p, in, oy, ox, count, col, kpad);
    // Columns past count are stale buffer bytes: their sums are never stored.
    for (int32_t i = 0; i < kConvGroup; ++i) cols[i] = col + i * kpad;
  }
}

#endif

}  // namespace detail
}  // namespace tinyaot_rt
