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
/// The columns of output pixels (oy[i], ox[i]), i < count, into col + i * kpad: filter_h window rows of
/// filter_w * input_c bytes, padded taps = the input zero point, then zeros up to kpad. The layer's values
/// are read into locals once (stores through int8_t pointers would otherwise make gcc reload them). Rows
/// are copied with full-vector stores whose zeroed excess lands in the next row (written later) or past
/// k (zeroed last), so each column may write up to 16 bytes past col + i * kpad + k.
__attribute__((always_inline)) inline void conv_group_fill(const Conv2DParams& p, const int8_t* in,
                                                           const int32_t* oy, const int32_t* ox, int32_t count,
                                                           int8_t* col, int32_t kpad) {
  const int32_t in_h = p.input_h, in_w = p.input_w, in_c = p.input_c, fh = p.filter_h, fw = p.filter_w;
  const int32_t row_len = fw * in_c, k = fh * row_len, row_step = p.dilation_h * in_w * in_c;
  const int32_t span_h = (fh - 1) * p.dilation_h;
  const int8x16_t zp = vdupq_n_s8(static_cast<int8_t>(p.input_zero_point));
  const mve_pred16_t row_pred = vctp8q(static_cast<uint32_t>(row_len));
  const int32_t row_full = row_len / 16 * 16;
  const mve_pred16_t tail_pred = vctp8q(static_cast<uint32_t>(row_len - row_full));
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
      const int32_t fx_lo = in_x0 < 0 ? -in_x0 : 0;
      const int32_t fx_end = in_w - in_x0;
      const int32_t fx_hi = fx_end < fw ? (fx_end > fx_lo ? fx_end : fx_lo) : fw;
      const int32_t lo = fx_lo * in_c, hi = fx_hi * in_c;
      for (int32_t fy = 0; fy < fh; ++fy, dst += row_len) {
        const int32_t in_y = in_y0 + fy * p.dilation_h;
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
__attribute__((always_inline)) inline void conv_group_cols(const Conv2DParams& p, const int8_t* in,
                                                           const int32_t* oy, const int32_t* ox, int32_t count,
                                                           int8_t* col, int32_t kpad, const int8_t** cols) {
  if (kpad == 16 && p.filter_h == 1 && p.filter_w == 1 && p.pad_h == 0 && p.pad_w == 0) {
    for (int32_t i = 0; i < count; ++i)
      cols[i] = in + (oy[i] * p.stride_h * p.input_w + ox[i] * p.stride_w) * p.input_c;
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
