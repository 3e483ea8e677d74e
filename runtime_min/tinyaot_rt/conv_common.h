// tinyaot runtime: requantization shared by CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED.
// An accumulator (int32 for int8 activations, int64 or int32 for int16 activations) is scaled by a
// per-output-channel Q31 multiplier and shift exactly as TFLite Micro's reference integer kernels do,
// offset by the output zero point and clamped to the fused activation range.
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Scales an accumulator to the output scale (int32 accumulators: gemmlowp double rounding).
inline int32_t scale_accumulator(int32_t acc, int32_t multiplier, int32_t shift) {
  return multiply_by_quantized_multiplier(acc, multiplier, static_cast<int>(shift));
}
/// Scales a 64-bit accumulator to the output scale (int16x8 kernels with int64 bias): TFLite's int64
/// MultiplyByQuantizedMultiplier, which keeps only 16 bits of the multiplier.
inline int32_t scale_accumulator(int64_t acc, int32_t multiplier, int32_t shift) {
  return multiply_by_quantized_multiplier_64(acc, multiplier, static_cast<int>(shift));
}

/// Accumulator -> output value: scale, add the output zero point, clamp to [act_min, act_max].
template <typename Acc>
inline int32_t requantize(Acc acc, int32_t multiplier, int32_t shift, int32_t output_zero_point,
                          int32_t act_min, int32_t act_max) {
  // Wrap-around add, like TFLite's int32 `acc += output_offset` (never overflows in practice).
  const int32_t scaled = static_cast<int32_t>(
      static_cast<uint32_t>(scale_accumulator(acc, multiplier, shift)) +
      static_cast<uint32_t>(output_zero_point));
  return clamp_i32(scaled, act_min, act_max);
}

/// Filter columns [lo, hi) of a window starting at input column in_x0 (no horizontal dilation) that lie
/// inside an image of input_w columns; hi >= lo (an empty run when the window misses the image).
struct TapRun {
  int32_t lo, hi;
};
inline TapRun taps_inside(int32_t in_x0, int32_t input_w, int32_t filter_w) {
  const int32_t lo = in_x0 < 0 ? -in_x0 : 0;
  const int32_t end = input_w - in_x0;
  return {lo, end < filter_w ? (end > lo ? end : lo) : filter_w};
}

/// Wrap-around addition of the (folded) bias, like TFLite's int32 `acc += bias` but free of signed-overflow
/// UB: a folded bias may be near the int32 limits and the true sum still fits only modulo 2^32.
inline int32_t add_wrap(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int64_t add_wrap(int64_t a, int64_t b) { return a + b; }

}  // namespace tinyaot_rt
