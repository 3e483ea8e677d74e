// tinyaot runtime: quantized ADD (int8, int16) with optional broadcasting.
// Per element exactly as TFLite's reference integer add: both inputs are offset by their zero points,
// shifted left (20 bits for int8, 15 for int16), scaled to a common scale with Q31 multipliers smaller than
// one, summed, scaled to the output, offset and clamped. Broadcasting uses index strides computed at
// compile time (0 along broadcast dimensions), after merging dimensions that can be walked as one.
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Compile-time constants of one ADD.
struct AddParams {
  int32_t input1_offset;  ///< -zero point of input 1
  int32_t input2_offset;  ///< -zero point of input 2
  int32_t output_offset;  ///< zero point of the output
  int32_t left_shift;
  int32_t input1_multiplier;
  int32_t input1_shift;  ///< <= 0
  int32_t input2_multiplier;
  int32_t input2_shift;  ///< <= 0
  int32_t output_multiplier;
  int32_t output_shift;  ///< <= 0
  int32_t act_min;
  int32_t act_max;
};

/// Broadcast walk over up to 6 (merged) output dimensions, outermost first; strides are in elements of
/// each input and 0 where the input is broadcast.
struct BroadcastDesc {
  int32_t dims[6];
  int32_t strides1[6];
  int32_t strides2[6];
};

/// One output element of ADD.
inline int32_t add_element(int32_t x, int32_t y, const AddParams& p) {
  const int32_t shifted1 = shift_left_wrap(x + p.input1_offset, static_cast<int>(p.left_shift));
  const int32_t shifted2 = shift_left_wrap(y + p.input2_offset, static_cast<int>(p.left_shift));
  const int32_t scaled1 = multiply_by_quantized_multiplier_smaller_than_one(
      shifted1, p.input1_multiplier, static_cast<int>(p.input1_shift));
  const int32_t scaled2 = multiply_by_quantized_multiplier_smaller_than_one(
      shifted2, p.input2_multiplier, static_cast<int>(p.input2_shift));
  const int32_t raw_out = multiply_by_quantized_multiplier_smaller_than_one(
                              scaled1 + scaled2, p.output_multiplier, static_cast<int>(p.output_shift)) +
                          p.output_offset;
  return clamp_i32(raw_out, p.act_min, p.act_max);
}

/// Same-shape ADD over `size` elements; T is int8_t or int16_t.
template <typename T>
inline void add_elementwise(const AddParams& p, const T* input1, const T* input2, T* output, int32_t size) {
  for (int32_t i = 0; i < size; ++i) output[i] = static_cast<T>(add_element(input1[i], input2[i], p));
}

/// Broadcasting ADD; the output is written densely in row-major order.
template <typename T>
inline void add_broadcast(const AddParams& p, const BroadcastDesc& d, const T* input1, const T* input2,
                          T* output) {
  int32_t o = 0;
  for (int32_t i0 = 0; i0 < d.dims[0]; ++i0) {
    const T* a0 = input1 + i0 * d.strides1[0];
    const T* b0 = input2 + i0 * d.strides2[0];
    for (int32_t i1 = 0; i1 < d.dims[1]; ++i1) {
      const T* a1 = a0 + i1 * d.strides1[1];
      const T* b1 = b0 + i1 * d.strides2[1];
      for (int32_t i2 = 0; i2 < d.dims[2]; ++i2) {
        const T* a2 = a1 + i2 * d.strides1[2];
        const T* b2 = b1 + i2 * d.strides2[2];
        for (int32_t i3 = 0; i3 < d.dims[3]; ++i3) {
          const T* a3 = a2 + i3 * d.strides1[3];
          const T* b3 = b2 + i3 * d.strides2[3];
          for (int32_t i4 = 0; i4 < d.dims[4]; ++i4) {
            const T* a4 = a3 + i4 * d.strides1[4];
            const T* b4 = b3 + i4 * d.strides2[4];
            for (int32_t i5 = 0; i5 < d.dims[5]; ++i5)
              output[o++] = static_cast<T>(add_element(a4[i5 * d.strides1[5]], b4[i5 * d.strides2[5]], p));
          }
        }
      }
    }
  }
}

}  // namespace tinyaot_rt
