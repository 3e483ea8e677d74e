// tinyaot runtime: QUANTIZE between integer types (requantization), as TFLite's reference Requantize:
// subtract the input zero point, scale by input_scale / output_scale as a Q31 multiplier and shift
// (computed at compile time in double), add the output zero point, clamp to the output type.
#pragma once

#include <cstdint>
#include <limits>

#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Compile-time constants of one QUANTIZE.
struct RequantizeParams {
  int32_t size;  ///< number of elements
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t multiplier;
  int32_t shift;
};

/// In, Out: int8_t, uint8_t, int16_t or int32_t.
template <typename In, typename Out>
inline void requantize(const RequantizeParams& p, const In* input, Out* output) {
  constexpr int32_t kMin = std::numeric_limits<Out>::min();
  constexpr int32_t kMax = std::numeric_limits<Out>::max();
  for (int32_t i = 0; i < p.size; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - p.input_zero_point;
    const int32_t y =
        multiply_by_quantized_multiplier(x, p.multiplier, static_cast<int>(p.shift)) + p.output_zero_point;
    output[i] = static_cast<Out>(clamp_i32(y, kMin, kMax));
  }
}

}  // namespace tinyaot_rt
