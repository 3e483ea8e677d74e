// tinyaot runtime: the loops shared by element-wise binary kernels (SUB, MUL, SQUARED_DIFFERENCE,
// MAXIMUM/MINIMUM, PRELU). A kernel supplies the per-element function; the loops are either a flat walk over
// same-shape operands or the compile-time broadcast walk of add.h's BroadcastDesc (up to 6 merged
// dimensions, stride 0 along broadcast dimensions), writing the output densely in row-major order.
// Integer results do not depend on the visiting order, so this matches TFLite's broadcast loops.
#pragma once

#include <cstdint>

#include "tinyaot_rt/add.h"  // BroadcastDesc

namespace tinyaot_rt {

/// out[i] = f(a[i], b[i]) for i < size. In, Out: element types; F: int32_t(int32_t, int32_t) or similar.
template <typename In1, typename In2, typename Out, typename F>
inline void binary_elementwise(const In1* a, const In2* b, Out* out, int32_t size, F f) {
  for (int32_t i = 0; i < size; ++i) out[i] = static_cast<Out>(f(a[i], b[i]));
}

/// Broadcasting version of binary_elementwise over the walk `d`.
template <typename In1, typename In2, typename Out, typename F>
inline void binary_broadcast(const BroadcastDesc& d, const In1* a, const In2* b, Out* out, F f) {
  int32_t o = 0;
  for (int32_t i0 = 0; i0 < d.dims[0]; ++i0) {
    const In1* a0 = a + i0 * d.strides1[0];
    const In2* b0 = b + i0 * d.strides2[0];
    for (int32_t i1 = 0; i1 < d.dims[1]; ++i1) {
      const In1* a1 = a0 + i1 * d.strides1[1];
      const In2* b1 = b0 + i1 * d.strides2[1];
      for (int32_t i2 = 0; i2 < d.dims[2]; ++i2) {
        const In1* a2 = a1 + i2 * d.strides1[2];
        const In2* b2 = b1 + i2 * d.strides2[2];
        for (int32_t i3 = 0; i3 < d.dims[3]; ++i3) {
          const In1* a3 = a2 + i3 * d.strides1[3];
          const In2* b3 = b2 + i3 * d.strides2[3];
          for (int32_t i4 = 0; i4 < d.dims[4]; ++i4) {
            const In1* a4 = a3 + i4 * d.strides1[4];
            const In2* b4 = b3 + i4 * d.strides2[4];
            for (int32_t i5 = 0; i5 < d.dims[5]; ++i5)
              out[o++] = static_cast<Out>(f(a4[i5 * d.strides1[5]], b4[i5 * d.strides2[5]]));
          }
        }
      }
    }
  }
}

/// Wrap-around int32 arithmetic (TFLite's plain int32 expressions, without signed-overflow UB).
inline int32_t wrap_add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int32_t wrap_sub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}
inline int32_t wrap_mul(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b));
}

}  // namespace tinyaot_rt
