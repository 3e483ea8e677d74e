// tinyaot runtime: quantized SUB (int8, int16) with optional broadcasting.
// Per element exactly as TFLite's reference quantized sub: both inputs offset by their zero points,
// shifted left (20 bits for int8, 15 for int16), scaled to twice the larger input scale with Q31
// multipliers smaller than one, subtracted, scaled to the output, offset and clamped to the activation
// range. The constants have the same meaning as ADD's, so SUB reuses AddParams.
#pragma once

#include <cstdint>

#include "tinyaot_rt/add.h"
#include "tinyaot_rt/elementwise.h"
#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// One output element of SUB: x - y.
inline int32_t sub_element(int32_t x, int32_t y, const AddParams& p) {
  const int32_t shifted1 = shift_left_wrap(x + p.input1_offset, static_cast<int>(p.left_shift));
  const int32_t shifted2 = shift_left_wrap(y + p.input2_offset, static_cast<int>(p.left_shift));
  const int32_t scaled1 = multiply_by_quantized_multiplier_smaller_than_one(
      shifted1, p.input1_multiplier, static_cast<int>(p.input1_shift));
  const int32_t scaled2 = multiply_by_quantized_multiplier_smaller_than_one(
      shifted2, p.input2_multiplier, static_cast<int>(p.input2_shift));
  const int32_t raw_out = wrap_add(multiply_by_quantized_multiplier_smaller_than_one(
                                       wrap_sub(scaled1, scaled2), p.output_multiplier,
                                       static_cast<int>(p.output_shift)),
                                   p.output_offset);
  return clamp_i32(raw_out, p.act_min, p.act_max);
}

/// Same-shape SUB over `size` elements; T is int8_t or int16_t.
template <typename T>
inline void sub_elementwise(const AddParams& p, const T* input1, const T* input2, T* output, int32_t size) {
  binary_elementwise(input1, input2, output, size, [&p](int32_t x, int32_t y) { return sub_element(x, y, p); });
}

/// Broadcasting SUB; the output is written densely in row-major order.
template <typename T>
inline void sub_broadcast(const AddParams& p, const BroadcastDesc& d, const T* input1, const T* input2,
                          T* output) {
  binary_broadcast(d, input1, input2, output, [&p](int32_t x, int32_t y) { return sub_element(x, y, p); });
}

}  // namespace tinyaot_rt
