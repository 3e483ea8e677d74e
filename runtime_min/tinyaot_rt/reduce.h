// tinyaot runtime: REDUCE_MAX, REDUCE_MIN and quantized SUM over any set of axes.
// The geometry is precomputed: each output element starts at a "kept" offset in the input and its group is
// walked by up to 4 (merged) reduced dimensions with their input strides; the output is dense.
// REDUCE_MAX / REDUCE_MIN keep the input quantization (TFLite Micro requires equal scale and zero point).
// SUM is TFLite's QuantizedMeanOrSum with compute_sum: an int32 sum of the raw values, minus
// input_zero_point * count, scaled by QuantizeMultiplier(input_scale / output_scale), plus the output zero
// point, clamped to the type range.
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Compile-time walks of one reduction (outermost first; unused leading entries are 1 / 0).
struct ReduceWalk {
  int32_t kept_dims[4];
  int32_t kept_strides[4];
  int32_t red_dims[4];
  int32_t red_strides[4];
};

/// Requantization constants of one SUM.
struct SumParams {
  int32_t zero_point_sum;  ///< input_zero_point * count, modulo 2^32 (as TFLite's int32 cast)
  int32_t multiplier;      ///< Q31 multiplier of input_scale / output_scale
  int32_t shift;
  int32_t output_zero_point;
  int32_t out_min;  ///< type range of the output
  int32_t out_max;
};

namespace detail {
/// Calls f(element) for every element of the reduced group starting at `in`.
template <typename T, typename F>
inline void for_each_in_group(const ReduceWalk& w, const T* in, F&& f) {
  for (int32_t r0 = 0; r0 < w.red_dims[0]; ++r0) {
    const T* a0 = in + r0 * w.red_strides[0];
    for (int32_t r1 = 0; r1 < w.red_dims[1]; ++r1) {
      const T* a1 = a0 + r1 * w.red_strides[1];
      for (int32_t r2 = 0; r2 < w.red_dims[2]; ++r2) {
        const T* a2 = a1 + r2 * w.red_strides[2];
        for (int32_t r3 = 0; r3 < w.red_dims[3]; ++r3) f(a2[r3 * w.red_strides[3]]);
      }
    }
  }
}

/// Calls g(group_start, output_index) for every output element, in output order.
template <typename T, typename G>
inline void for_each_group(const ReduceWalk& w, const T* input, G&& g) {
  int32_t o = 0;
  for (int32_t k0 = 0; k0 < w.kept_dims[0]; ++k0) {
    const T* a0 = input + k0 * w.kept_strides[0];
    for (int32_t k1 = 0; k1 < w.kept_dims[1]; ++k1) {
      const T* a1 = a0 + k1 * w.kept_strides[1];
      for (int32_t k2 = 0; k2 < w.kept_dims[2]; ++k2) {
        const T* a2 = a1 + k2 * w.kept_strides[2];
        for (int32_t k3 = 0; k3 < w.kept_dims[3]; ++k3) g(a2 + k3 * w.kept_strides[3], o++);
      }
    }
  }
}
}  // namespace detail

/// REDUCE_MAX (is_max) or REDUCE_MIN of raw values; T is int8_t or int16_t. Groups are never empty.
template <bool is_max, typename T>
inline void reduce_min_max(const ReduceWalk& w, const T* input, T* output) {
  detail::for_each_group(w, input, [&](const T* group, int32_t o) {
    T best = group[0];
    detail::for_each_in_group(w, group, [&](T v) {
      if (is_max ? (v > best) : (v < best)) best = v;
    });
    output[o] = best;
  });
}

/// Quantized SUM; T is int8_t or int16_t.
template <typename T>
inline void sum(const ReduceWalk& w, const SumParams& p, const T* input, T* output) {
  detail::for_each_group(w, input, [&](const T* group, int32_t o) {
    int32_t acc = 0;
    // TFLite's AddTensorValuesWithExpectedOverflow: the int32 sum wraps around.
    detail::for_each_in_group(w, group, [&](T v) {
      acc = static_cast<int32_t>(static_cast<uint32_t>(acc) + static_cast<uint32_t>(v));
    });
    // TFLite subtracts in int64 and casts back to int32: the same as a wrapping int32 subtraction.
    const int32_t shifted =
        static_cast<int32_t>(static_cast<uint32_t>(acc) - static_cast<uint32_t>(p.zero_point_sum));
    const int32_t scaled = multiply_by_quantized_multiplier(shifted, p.multiplier, static_cast<int>(p.shift));
    // TFLite adds the zero point in int32 without saturation: wrap the same way, without UB.
    const int32_t shifted_out =
        static_cast<int32_t>(static_cast<uint32_t>(scaled) + static_cast<uint32_t>(p.output_zero_point));
    output[o] = static_cast<T>(clamp_i32(shifted_out, p.out_min, p.out_max));
  });
}

}  // namespace tinyaot_rt
