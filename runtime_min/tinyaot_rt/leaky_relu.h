// tinyaot runtime: quantized LEAKY_RELU (int8, int16), as TFLite's QuantizeLeakyRelu: x - zp_in is
// rescaled by in_scale / out_scale when >= 0 and by alpha * in_scale / out_scale otherwise (two Q31
// multipliers from compile time; the alpha one may be negative), offset and clamped to the type.
#pragma once

#include <cstdint>
#include <limits>

#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Compile-time constants of one LEAKY_RELU.
struct LeakyReluParams {
  int32_t size;  ///< number of elements
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t output_multiplier_identity;
  int32_t output_shift_identity;
  int32_t output_multiplier_alpha;
  int32_t output_shift_alpha;
};

/// T: int8_t or int16_t.
template <typename T>
inline void leaky_relu(const LeakyReluParams& p, const T* input, T* output) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  for (int32_t i = 0; i < p.size; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - p.input_zero_point;
    const int32_t scaled =
        x >= 0 ? multiply_by_quantized_multiplier(x, p.output_multiplier_identity,
                                                  static_cast<int>(p.output_shift_identity))
               : multiply_by_quantized_multiplier(x, p.output_multiplier_alpha, static_cast<int>(p.output_shift_alpha));
    const int32_t shifted =
        static_cast<int32_t>(static_cast<uint32_t>(scaled) + static_cast<uint32_t>(p.output_zero_point));
    output[i] = static_cast<T>(clamp_i32(shifted, kMin, kMax));
  }
}

}  // namespace tinyaot_rt
