// tinyaot runtime: DEQUANTIZE to float32, real = scale * (q - zero_point).
// TFLite multiplies in double and rounds once to float. The double product of a 24-bit float scale and an
// integer below 2^17 is exact, so a single float multiplication (also one correct rounding of the exact
// product) gives the same bits, without double arithmetic on the target.
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Compile-time constants of one DEQUANTIZE.
struct DequantizeParams {
  int32_t size;  ///< number of elements
  int32_t zero_point;
  float scale;
};

/// T: int8_t, uint8_t or int16_t.
template <typename T>
inline void dequantize(const DequantizeParams& p, const T* input, float* output) {
  for (int32_t i = 0; i < p.size; ++i)
    output[i] = static_cast<float>(static_cast<int32_t>(input[i]) - p.zero_point) * p.scale;
}

}  // namespace tinyaot_rt
