// tinyaot runtime: the filter taps of one depthwise output pixel that fall inside the image, for the
// DSP and Helium depthwise kernels. Columns in range form one run [fx_lo, fx_hi) (in_x grows with fx),
// so a kernel walks three branch-free runs per filter row (padding, image, padding) with pointer
// increments, instead of testing every tap. Padded taps read the input zero point, as in the reference.
#pragma once

#include <cstdint>

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

}  // namespace detail
}  // namespace tinyaot_rt
