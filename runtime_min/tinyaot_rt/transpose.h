// tinyaot runtime: TRANSPOSE for up to 6 dimensions.
// The permutation is turned into input strides at compile time (stride of the input dimension each output
// dimension comes from), with adjacent output dimensions that stay adjacent in the input merged; the kernel
// writes the output densely and gathers from the input.
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Compile-time geometry of one TRANSPOSE (merged and extended to 6 dimensions, outermost first).
struct TransposeParams {
  int32_t out_dims[6];
  int32_t in_strides[6];  ///< input stride (in elements) for each output dimension
};

/// Transpose; T is any trivially copyable element type.
template <typename T>
inline void transpose(const TransposeParams& p, const T* input, T* output) {
  int32_t o = 0;
  for (int32_t i0 = 0; i0 < p.out_dims[0]; ++i0) {
    const T* a0 = input + i0 * p.in_strides[0];
    for (int32_t i1 = 0; i1 < p.out_dims[1]; ++i1) {
      const T* a1 = a0 + i1 * p.in_strides[1];
      for (int32_t i2 = 0; i2 < p.out_dims[2]; ++i2) {
        const T* a2 = a1 + i2 * p.in_strides[2];
        for (int32_t i3 = 0; i3 < p.out_dims[3]; ++i3) {
          const T* a3 = a2 + i3 * p.in_strides[3];
          for (int32_t i4 = 0; i4 < p.out_dims[4]; ++i4) {
            const T* a4 = a3 + i4 * p.in_strides[4];
            for (int32_t i5 = 0; i5 < p.out_dims[5]; ++i5) output[o++] = a4[i5 * p.in_strides[5]];
          }
        }
      }
    }
  }
}

}  // namespace tinyaot_rt
