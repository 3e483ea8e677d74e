// tinyaot runtime: quantized MEAN (int8, int16) over any set of axes.
// As TFLite Micro's integer QuantizedMeanOrSum: an exact int32 sum of the raw values of each reduced group,
// minus input_zero_point * count, scaled by one multiplier/shift pair that already includes 1/count
// (folded at compile time), plus the output zero point, clamped to the type range.
// The geometry is precomputed: each output element sits at a "kept" offset in the input, and the group is
// walked by up to 4 (merged) reduced dimensions with their input strides.
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Compile-time constants of one MEAN.
struct MeanParams {
  int32_t kept_dims[4];     ///< output walk, outermost first (merged kept dimensions)
  int32_t kept_strides[4];  ///< input stride of each kept dimension
  int32_t red_dims[4];      ///< reduced walk, outermost first (merged reduced dimensions)
  int32_t red_strides[4];   ///< input stride of each reduced dimension
  int32_t zero_point_sum;   ///< input_zero_point * number of reduced elements (fits: count < 2^23)
  int32_t multiplier;       ///< Q31 multiplier of input_scale / output_scale / count
  int32_t shift;
  int32_t output_zero_point;
  int32_t out_min;          ///< type range of the output
  int32_t out_max;
};

namespace detail {
/// Exact sum of one reduced group starting at `in`.
template <typename T>
inline int32_t mean_group_sum(const MeanParams& p, const T* in) {
  int32_t sum = 0;
  for (int32_t r0 = 0; r0 < p.red_dims[0]; ++r0) {
    const T* a0 = in + r0 * p.red_strides[0];
    for (int32_t r1 = 0; r1 < p.red_dims[1]; ++r1) {
      const T* a1 = a0 + r1 * p.red_strides[1];
      for (int32_t r2 = 0; r2 < p.red_dims[2]; ++r2) {
        const T* a2 = a1 + r2 * p.red_strides[2];
        for (int32_t r3 = 0; r3 < p.red_dims[3]; ++r3) sum += a2[r3 * p.red_strides[3]];
      }
    }
  }
  return sum;
}
}  // namespace detail

/// MEAN; T is int8_t or int16_t. The output is written densely in row-major order.
template <typename T>
inline void mean(const MeanParams& p, const T* input, T* output) {
  int32_t o = 0;
  for (int32_t k0 = 0; k0 < p.kept_dims[0]; ++k0) {
    const T* a0 = input + k0 * p.kept_strides[0];
    for (int32_t k1 = 0; k1 < p.kept_dims[1]; ++k1) {
      const T* a1 = a0 + k1 * p.kept_strides[1];
      for (int32_t k2 = 0; k2 < p.kept_dims[2]; ++k2) {
        const T* a2 = a1 + k2 * p.kept_strides[2];
        for (int32_t k3 = 0; k3 < p.kept_dims[3]; ++k3) {
          const int32_t sum = detail::mean_group_sum(p, a2 + k3 * p.kept_strides[3]);
          const int32_t scaled = multiply_by_quantized_multiplier(sum - p.zero_point_sum, p.multiplier,
                                                                  static_cast<int>(p.shift));
          output[o++] = static_cast<T>(clamp_i32(scaled + p.output_zero_point, p.out_min, p.out_max));
        }
      }
    }
  }
}

}  // namespace tinyaot_rt
