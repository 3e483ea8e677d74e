// tinyaot runtime: RELU, RELU_N1_TO_1 (requantizing clamp) and RELU6 (clamp in the input's quantization).
// RELU / RELU_N1_TO_1 follow TFLite's ReluQuantized: x - zp_in is rescaled by in_scale / out_scale (Q31
// multiplier and shift), offset by the output zero point and clamped to the quantized activation range.
// RELU6 follows TFLite Micro's Relu6Quantized: the stored values are clamped to [q(0), q(6)] of the input's
// quantization without rescaling.
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Compile-time constants of one RELU / RELU_N1_TO_1.
struct ReluParams {
  int32_t size;               ///< number of elements
  int32_t input_zero_point;
  int32_t output_zero_point;
  int32_t output_multiplier;  ///< in_scale / out_scale
  int32_t output_shift;       ///< TFLite convention: > 0 is a left shift
  int32_t act_min;            ///< quantized activation range of the output
  int32_t act_max;
};

/// T: int8_t or int16_t.
template <typename T>
inline void relu_requantize(const ReluParams& p, const T* input, T* output) {
  for (int32_t i = 0; i < p.size; ++i) {
    const int32_t scaled = multiply_by_quantized_multiplier(static_cast<int32_t>(input[i]) - p.input_zero_point,
                                                            p.output_multiplier, static_cast<int>(p.output_shift));
    const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(scaled) +
                                                 static_cast<uint32_t>(p.output_zero_point));
    output[i] = static_cast<T>(clamp_i32(shifted, p.act_min, p.act_max));
  }
}

/// Compile-time constants of one RELU6.
struct Relu6Params {
  int32_t size;
  int32_t lower;  ///< the input's quantized 0
  int32_t upper;  ///< the input's quantized 6 (clamped to the type)
};

/// T: int8_t or int16_t. Output and input share the quantization.
template <typename T>
inline void relu6_clamp(const Relu6Params& p, const T* input, T* output) {
  for (int32_t i = 0; i < p.size; ++i) {
    const int32_t v = input[i];
    // TFLite tests the upper bound first.
    output[i] = static_cast<T>(v > p.upper ? p.upper : (v < p.lower ? p.lower : v));
  }
}

}  // namespace tinyaot_rt
