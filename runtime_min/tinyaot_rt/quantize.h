// tinyaot runtime: QUANTIZE. Between integer types (requantization), as TFLite's reference Requantize:
// subtract the input zero point, scale by input_scale / output_scale as a Q31 multiplier and shift
// (computed at compile time in double), add the output zero point, clamp to the output type.
// From float (a quantized model's float input), as TFLite's AffineQuantize: round(x / scale) in float,
// ties away from zero, plus the zero point, clamped.
#pragma once

#include <cmath>
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

/// Compile-time constants of a float -> integer QUANTIZE.
struct AffineQuantizeParams {
  int32_t size;  ///< number of elements
  float scale;   ///< output scale
  int32_t zero_point;
};

/// Out: int8_t or int16_t. Values beyond int32 (and NaN), where TFLite's float-to-int cast is undefined,
/// saturate (NaN to the minimum).
template <typename Out>
inline void quantize_float(const AffineQuantizeParams& p, const float* input, Out* output) {
  constexpr int32_t kMin = std::numeric_limits<Out>::min();
  constexpr int32_t kMax = std::numeric_limits<Out>::max();
  for (int32_t i = 0; i < p.size; ++i) {
    const float r = std::round(input[i] / p.scale);
    int32_t q = INT32_MIN;
    if (r >= 2147483648.0f) q = INT32_MAX;
    else if (r >= -2147483648.0f) q = static_cast<int32_t>(r);
    const int64_t v = static_cast<int64_t>(q) + p.zero_point;  // 64-bit: saturated values must not wrap
    output[i] = static_cast<Out>(v < kMin ? kMin : (v > kMax ? kMax : v));
  }
}

}  // namespace tinyaot_rt
