// tinyaot runtime: the filter taps of one depthwise output pixel that fall inside the image, for the
// DSP and Helium depthwise kernels. Columns in range form one run [fx_lo, fx_hi) (in_x grows with fx),
// so a kernel walks three branch-free runs per filter row (padding, image, padding) with pointer
// increments, instead of testing every tap. Padded taps read the input zero point, as in the reference.
#pragma once

#include <cstdint>
#include <cstring>

#include "tinyaot_rt/depthwise_conv2d.h"

namespace tinyaot_rt {
namespace detail {

/// Where the window of one output pixel lies.
struct DwWindow {
  int32_t in_y0;  ///< input row of filter row 0 (may be negative)
  int32_t in_x0;  ///< input column of filter column 0 (may be negative)
  int32_t fx_lo;  ///< first filter column inside the image
  int32_t fx_hi;  ///< one past the last filter column inside the image (>= fx_lo)
  bool inside;    ///< every tap of the window is in the image
};

/// The window of output pixel (oy, ox).
inline DwWindow dw_window(const DepthwiseConv2DParams& p, int32_t oy, int32_t ox) {
  DwWindow w{};
  w.in_y0 = oy * p.stride_h - p.pad_h;
  w.in_x0 = ox * p.stride_w - p.pad_w;
  const int32_t d = p.dilation_w;
  int32_t lo = w.in_x0 >= 0 ? 0 : (-w.in_x0 + d - 1) / d;
  const int32_t room = p.input_w - w.in_x0;  // columns from in_x0 to the right edge
  int32_t hi = room > 0 ? (room + d - 1) / d : 0;
  if (lo > p.filter_w) lo = p.filter_w;
  if (hi > p.filter_w) hi = p.filter_w;
  w.fx_lo = lo;
  w.fx_hi = hi > lo ? hi : lo;
  w.inside = w.in_y0 >= 0 && w.in_y0 + (p.filter_h - 1) * p.dilation_h < p.input_h && lo == 0 &&
             w.fx_hi == p.filter_w;
  return w;
}

/// Most taps a window may have on the DSP and Helium fixed-window paths (5x5).
constexpr int32_t kDwFixedMaxTaps = 25;

/// What a depthwise layer on a fixed-window path keeps for its whole call: a row of input zero points
/// that padded taps read instead of the image (every tap is then the same multiply-add, with no runs or
/// border branches) and the offsets of the taps from the window's first one.
struct DwTaps {
  int8_t zp_row[64];
  int32_t rel[kDwFixedMaxTaps];
};

/// Fills the DwTaps of a layer in place (a DwTaps is also the base of larger contexts).
inline void dw_fill_taps(const DepthwiseConv2DParams& p, DwTaps& c) {
  // A word at a time: 16 stores, cheaper than a memset call (patch stacks build this once per tile).
  const uint32_t z4 = 0x01010101u * static_cast<uint8_t>(p.input_zero_point);
  for (int32_t i = 0; i < 64; i += 4) std::memcpy(c.zp_row + i, &z4, 4);
  for (int32_t fy = 0, t = 0; fy < p.filter_h; ++fy)
    for (int32_t fx = 0; fx < p.filter_w; ++fx, ++t)
      c.rel[t] = (fy * p.dilation_h * p.input_w + fx * p.dilation_w) * p.input_c;
}

/// x[t] = where tap t of output pixel (oy, ox) reads channel 0 of image in_b: the image, or the
/// zero-point row for a padded tap.
__attribute__((always_inline)) inline void dw_tap_pointers(const DepthwiseConv2DParams& p, const DwTaps& ctx,
                                                           const int8_t* in_b, int32_t oy, int32_t ox,
                                                           const int8_t** x) {
  const int32_t taps = p.filter_h * p.filter_w;
  const int32_t in_y0 = oy * p.stride_h - p.pad_h, in_x0 = ox * p.stride_w - p.pad_w;
  if (in_y0 >= 0 && in_x0 >= 0 && in_y0 + (p.filter_h - 1) * p.dilation_h < p.input_h &&
      in_x0 + (p.filter_w - 1) * p.dilation_w < p.input_w) {
    // The window is inside the image (most pixels): fixed offsets from its first tap.
    const int8_t* base = in_b + (in_y0 * p.input_w + in_x0) * p.input_c;
    for (int32_t t = 0; t < taps; ++t) x[t] = base + ctx.rel[t];
    return;
  }
  // A border window: the columns inside the image are one run [lo, hi) (dw_window), so each row is
  // three runs (zero-point row, image, zero-point row) without a test per tap.
  const DwWindow w = dw_window(p, oy, ox);
  const int32_t x_step = p.dilation_w * p.input_c, fw = p.filter_w;
  const int8_t** xt = x;
  for (int32_t fy = 0; fy < p.filter_h; ++fy) {
    const int32_t in_y = in_y0 + fy * p.dilation_h;
    const int32_t lo = in_y >= 0 && in_y < p.input_h ? w.fx_lo : fw, hi = lo < fw ? w.fx_hi : fw;
    const int8_t* xp = lo < hi ? in_b + (in_y * p.input_w + in_x0 + lo * p.dilation_w) * p.input_c : ctx.zp_row;
    int32_t fx = 0;
    for (; fx < lo; ++fx) *xt++ = ctx.zp_row;
    for (; fx < hi; ++fx, xp += x_step) *xt++ = xp;
    for (; fx < fw; ++fx) *xt++ = ctx.zp_row;
  }
}

/// Moves the taps of dw_tap_pointers() to the next 64 channels; padded taps keep reading the zero-point row.
__attribute__((always_inline)) inline void dw_next_chunk(const DwTaps& ctx, int32_t taps, const int8_t** x) {
  for (int32_t t = 0; t < taps; ++t)
    if (x[t] != ctx.zp_row) x[t] += 64;
}

}  // namespace detail
}  // namespace tinyaot_rt
