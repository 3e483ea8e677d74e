// tinyaot runtime: the walk of the Helium fixed-window depthwise kernel (depthwise_mve_fixed.h) over a
// whole layer, in place or not. In place it is the walk of staged_pixels() (conv_inplace.h: same copy-outs
// and slot writes in the same order) with the pixel code inlined; with a separate output the same walk
// runs with the output itself as the ring (ring = every pixel, so each pixel's slot is its place and the
// copy-outs copy onto themselves), so one copy of the walk serves both (flash; a few instructions per
// pixel for the final copies).
#pragma once

#include <cstdint>

#include "tinyaot_rt/conv_inplace.h"
#include "tinyaot_rt/depthwise_mve_fixed.h"

#if TINYAOT_RT_HAVE_MVE
namespace tinyaot_rt {
namespace detail {

/// The output zero point and clamp of a layer as vectors.
inline DwOutVec dw_out_vec(const DepthwiseConv2DParams& p) {
  return DwOutVec{p.output_zero_point, vdupq_n_s16(static_cast<int16_t>(p.act_min)),
                  vdupq_n_s16(static_cast<int16_t>(p.act_max))};
}

/// Copies a depthwise output pixel of n bytes out of the ring: whole vectors unpredicated, then one
/// predicated tail (the shared copy_pixel_mve predicates every vector; gcc rebuilds each predicate).
__attribute__((always_inline)) inline void dw_copy_pixel_mve(const int8_t* from, int8_t* to, int32_t n) {
  int32_t i = 0;
  for (; i + 16 <= n; i += 16) vstrbq_s8(to + i, vldrbq_s8(from + i));
  if (i < n) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(n - i));
    vstrbq_p_s8(to + i, vldrbq_z_s8(from + i, p), p);
  }
}

/// depthwise_conv2d_inplace_s8_mve for a dw_fixed_ok() layer with a bias: the walk of staged_pixels()
/// (same copy-outs and slot writes in the same order) with the pixel code inlined into it
/// (depthwise_mve_fixed.h explains why), in one function not scheduled early. The pixel, ring slot and
/// output position step by increments instead of the generic walk's divisions and modulos.
TINYAOT_RT_MVE_NO_SCHED inline void depthwise_inplace_fixed_run(const DepthwiseConv2DParams& p, bool right,
                                                                const DwFixedCtx& ctx, const InPlaceParams& ip,
                                                                const int8_t* input, const int8_t* filter,
                                                                const int32_t* bias, const int32_t* mult,
                                                                const int32_t* shift, int8_t* output,
                                                                int8_t* ring_buf) {
  const DwOutVec o = dw_out_vec(p);
  const int32_t n = p.output_h * p.output_w, pe = p.output_c, last_x = p.output_w - 1;
  const int32_t ring = ip.ring < 1 ? 1 : ip.ring;
  const bool rev = ip.reverse != 0;
  int8_t* const ring_end = ring_buf + ring * pe;
  int8_t* slot = ring_buf;  // the slot of this step: its pixel leaves, then the step's pixel enters
  int8_t* dst = rev ? output + (n - 1) * pe : output;  // where the next leaving pixel goes
  const int32_t dst_step = rev ? -pe : pe;
  int32_t oy = rev ? p.output_h - 1 : 0, ox = rev ? last_x : 0;
  auto next_slot = [&]() __attribute__((always_inline)) {
    slot += pe;
    if (slot == ring_end) slot = ring_buf;
  };
  auto copy_out = [&](int32_t step) __attribute__((always_inline)) {
    if (step >= ring) {
      dw_copy_pixel_mve(slot, dst, pe);
      dst += dst_step;
    }
  };
  auto advance = [&]() __attribute__((always_inline)) {
    if (rev) {
      if (--ox < 0) {
        ox = last_x;
        --oy;
      }
    } else if (++ox > last_x) {
      ox = 0;
      ++oy;
    }
    next_slot();
  };
  // 8-channel layers with right shifts only: the pixel of this step and the next one (its neighbour in the
  // row) in one dw_pair8_mve call where both windows are inside the image, as staged_pixel_groups<2> does
  // it: both read before either is written, the next pixel staged until its slot is free.
  const bool pairs = pe == 8 && right;
  const int32_t x_hi = p.input_w - 1 - (p.filter_w - 1) * p.dilation_w;
  const int32_t y_hi = p.input_h - 1 - (p.filter_h - 1) * p.dilation_h;
  const int32_t delta = p.stride_w * p.input_c, taps = p.filter_h * p.filter_w;
  int8_t stage[8];
  for (int32_t step = 0; step < n; ++step) {
    copy_out(step);
    if (pairs) {
      const int32_t ox2 = rev ? ox - 1 : ox + 1;  // the next step's pixel, if in this row
      const int32_t in_y0 = oy * p.stride_h - p.pad_h, in_x0 = (rev ? ox2 : ox) * p.stride_w - p.pad_w;
      if (ox2 >= 0 && ox2 <= last_x && in_y0 >= 0 && in_y0 <= y_hi && in_x0 >= 0 && in_x0 + p.stride_w <= x_hi) {
        dw_pair8_mve(ctx.img, (in_y0 * p.input_w + in_x0) * p.input_c, delta, taps, filter, true, bias, mult,
                     shift, o, rev ? stage : slot, rev ? slot : stage);
        advance();
        ++step;
        copy_out(step);
        dw_copy_pixel_mve(stage, slot, pe);
        advance();
        continue;
      }
    }
    depthwise_mve_pixel_fixed(p, right, ctx, o, input, filter, bias, mult, shift, oy, ox, slot);
    advance();
  }
  // The pixels still in the ring (the last `ring` steps of staged_pixels() only copy out).
  for (int32_t step = n; step < n + ring; ++step) {
    if (step >= ring) {
      dw_copy_pixel_mve(slot, dst, pe);
      dst += dst_step;
    }
    next_slot();
  }
}

}  // namespace detail
}  // namespace tinyaot_rt
#endif
