// tinyaot runtime: quantized MUL (int8, int16) with optional broadcasting.
// Per element exactly as TFLite's reference integer mul: (x - zp1) * (y - zp2) in int32, scaled by the
// single multiplier in1_scale * in2_scale / out_scale (Q31 value and shift, computed at compile time),
// offset by the output zero point and clamped to the activation range.
#pragma once

#include <cstdint>

#include "tinyaot_rt/elementwise.h"
#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Compile-time constants of one MUL.
struct MulParams {
  int32_t input1_offset;  ///< -zero point of input 1
  int32_t input2_offset;  ///< -zero point of input 2
  int32_t output_offset;  ///< zero point of the output
  int32_t output_multiplier;
  int32_t output_shift;   ///< TFLite convention: > 0 is a left shift
  int32_t act_min;
  int32_t act_max;
};

/// One output element of MUL.
inline int32_t mul_element(int32_t x, int32_t y, const MulParams& p) {
  const int32_t product = wrap_mul(x + p.input1_offset, y + p.input2_offset);
  const int32_t raw_out = wrap_add(
      p.output_offset,
      multiply_by_quantized_multiplier(product, p.output_multiplier, static_cast<int>(p.output_shift)));
  return clamp_i32(raw_out, p.act_min, p.act_max);
}

/// Same-shape MUL over `size` elements; T is int8_t or int16_t.
template <typename T>
inline void mul_elementwise(const MulParams& p, const T* input1, const T* input2, T* output, int32_t size) {
  binary_elementwise(input1, input2, output, size, [&p](int32_t x, int32_t y) { return mul_element(x, y, p); });
}

/// Broadcasting MUL; the output is written densely in row-major order.
template <typename T>
inline void mul_broadcast(const MulParams& p, const BroadcastDesc& d, const T* input1, const T* input2,
                          T* output) {
  binary_broadcast(d, input1, input2, output, [&p](int32_t x, int32_t y) { return mul_element(x, y, p); });
}

}  // namespace tinyaot_rt
