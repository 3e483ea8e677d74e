// tinyaot runtime: quantized SQUARED_DIFFERENCE (int8, int16) with optional broadcasting.
// Per element exactly as TFLite Micro's quantized kernel: both inputs offset and shifted left (7 bits for
// int8, 0 for int16), scaled to twice the larger input scale (Q31 multipliers below one), subtracted, the
// difference squared in int32 and scaled to the output by one multiplier, offset and clamped to the type.
#pragma once

#include <cstdint>

#include "tinyaot_rt/elementwise.h"
#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Compile-time constants of one SQUARED_DIFFERENCE.
struct SquaredDifferenceParams {
  int32_t input1_offset;  ///< -zero point of input 1
  int32_t input2_offset;  ///< -zero point of input 2
  int32_t output_offset;  ///< zero point of the output
  int32_t left_shift;
  int32_t input1_multiplier;
  int32_t input1_shift;  ///< <= 0
  int32_t input2_multiplier;
  int32_t input2_shift;  ///< <= 0
  int32_t output_multiplier;
  int32_t output_shift;  ///< TFLite convention: > 0 is a left shift
  int32_t act_min;       ///< the output type's range
  int32_t act_max;
};

/// One output element of SQUARED_DIFFERENCE: (x - y)^2.
inline int32_t squared_difference_element(int32_t x, int32_t y, const SquaredDifferenceParams& p) {
  const int32_t shifted1 = shift_left_wrap(x + p.input1_offset, static_cast<int>(p.left_shift));
  const int32_t shifted2 = shift_left_wrap(y + p.input2_offset, static_cast<int>(p.left_shift));
  const int32_t scaled1 = multiply_by_quantized_multiplier_smaller_than_one(
      shifted1, p.input1_multiplier, static_cast<int>(p.input1_shift));
  const int32_t scaled2 = multiply_by_quantized_multiplier_smaller_than_one(
      shifted2, p.input2_multiplier, static_cast<int>(p.input2_shift));
  const int32_t diff = wrap_sub(scaled1, scaled2);
  const int32_t raw_out = wrap_add(
      multiply_by_quantized_multiplier(wrap_mul(diff, diff), p.output_multiplier, static_cast<int>(p.output_shift)),
      p.output_offset);
  return clamp_i32(raw_out, p.act_min, p.act_max);
}

/// Same-shape SQUARED_DIFFERENCE over `size` elements; T is int8_t or int16_t.
template <typename T>
inline void squared_difference_elementwise(const SquaredDifferenceParams& p, const T* input1, const T* input2,
                                           T* output, int32_t size) {
  binary_elementwise(input1, input2, output, size,
                     [&p](int32_t x, int32_t y) { return squared_difference_element(x, y, p); });
}

/// Broadcasting SQUARED_DIFFERENCE; the output is written densely in row-major order.
template <typename T>
inline void squared_difference_broadcast(const SquaredDifferenceParams& p, const BroadcastDesc& d,
                                         const T* input1, const T* input2, T* output) {
  binary_broadcast(d, input1, input2, output,
                   [&p](int32_t x, int32_t y) { return squared_difference_element(x, y, p); });
}

}  // namespace tinyaot_rt
