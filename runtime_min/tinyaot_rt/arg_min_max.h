// tinyaot runtime: ARG_MAX / ARG_MIN along one axis, as TFLite's reference ArgMinMax: the input is seen as
// [outer, axis_size, inner]; the first extreme value wins ties (a later value must be strictly greater /
// smaller to replace it). Quantized inputs compare raw values (the scale is positive).
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Compile-time geometry of one ARG_MAX / ARG_MIN.
struct ArgMinMaxParams {
  int32_t outer;
  int32_t axis_size;
  int32_t inner;
};

/// T: input element type; O: int32_t or int64_t. `is_max` selects ARG_MAX.
template <bool is_max, typename T, typename O>
inline void arg_min_max(const ArgMinMaxParams& p, const T* input, O* output) {
  for (int32_t o = 0; o < p.outer; ++o) {
    const T* block = input + o * p.axis_size * p.inner;
    for (int32_t i = 0; i < p.inner; ++i) {
      T best = block[i];
      int32_t best_index = 0;
      for (int32_t a = 1; a < p.axis_size; ++a) {
        const T v = block[a * p.inner + i];
        if (is_max ? (v > best) : (v < best)) {
          best = v;
          best_index = a;
        }
      }
      output[o * p.inner + i] = static_cast<O>(best_index);
    }
  }
}

}  // namespace tinyaot_rt
