// tinyaot runtime: quantized PRELU (int8, or int16 with int8 alpha) with alpha broadcast over the input.
// Per element exactly as TFLite's reference quantized prelu: x' = x - zp_in; x' >= 0 is rescaled by
// in_scale / out_scale, a negative x' is multiplied by (alpha - zp_alpha) and rescaled by
// in_scale * alpha_scale / out_scale (two Q31 multipliers computed at compile time); then the output zero
// point is added and the result clamped to the type.
#pragma once

#include <cstdint>
#include <limits>

#include "tinyaot_rt/elementwise.h"
#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Compile-time constants of one PRELU.
struct PreluParams {
  int32_t input_offset;   ///< -zero point of the input
  int32_t alpha_offset;   ///< -zero point of alpha
  int32_t output_offset;  ///< zero point of the output
  int32_t output_multiplier_1;  ///< identity branch
  int32_t output_shift_1;
  int32_t output_multiplier_2;  ///< alpha branch
  int32_t output_shift_2;
};

/// One output element of PRELU (before the clamp to the output type).
inline int32_t prelu_element(int32_t x, int32_t alpha, const PreluParams& p) {
  const int32_t in = x + p.input_offset;
  const int32_t scaled =
      in >= 0 ? multiply_by_quantized_multiplier(in, p.output_multiplier_1, static_cast<int>(p.output_shift_1))
              : multiply_by_quantized_multiplier(wrap_mul(in, alpha + p.alpha_offset), p.output_multiplier_2,
                                                 static_cast<int>(p.output_shift_2));
  return wrap_add(scaled, p.output_offset);
}

/// Same-shape PRELU over `size` elements; T is int8_t or int16_t, alpha is int8_t.
template <typename T>
inline void prelu_elementwise(const PreluParams& p, const T* input, const int8_t* alpha, T* output,
                              int32_t size) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  binary_elementwise(input, alpha, output, size,
                     [&p](int32_t x, int32_t a) { return clamp_i32(prelu_element(x, a, p), kMin, kMax); });
}

/// PRELU with alpha (or the input) broadcast; the output is written densely in row-major order.
template <typename T>
inline void prelu_broadcast(const PreluParams& p, const BroadcastDesc& d, const T* input, const int8_t* alpha,
                            T* output) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  binary_broadcast(d, input, alpha, output,
                   [&p](int32_t x, int32_t a) { return clamp_i32(prelu_element(x, a, p), kMin, kMax); });
}

}  // namespace tinyaot_rt
