// tinyaot runtime: MAXIMUM / MINIMUM of two tensors with optional broadcasting. Like TFLite Micro, the
// stored integers are compared directly (the operands share one quantization in converted models).
#pragma once

#include <cstdint>

#include "tinyaot_rt/elementwise.h"

namespace tinyaot_rt {

/// Same-shape MAXIMUM over `size` elements; T is any integer type.
template <typename T>
inline void maximum_elementwise(const T* input1, const T* input2, T* output, int32_t size) {
  binary_elementwise(input1, input2, output, size, [](T x, T y) { return x > y ? x : y; });
}

/// Broadcasting MAXIMUM; the output is written densely in row-major order.
template <typename T>
inline void maximum_broadcast(const BroadcastDesc& d, const T* input1, const T* input2, T* output) {
  binary_broadcast(d, input1, input2, output, [](T x, T y) { return x > y ? x : y; });
}

/// Same-shape MINIMUM over `size` elements.
template <typename T>
inline void minimum_elementwise(const T* input1, const T* input2, T* output, int32_t size) {
  binary_elementwise(input1, input2, output, size, [](T x, T y) { return x < y ? x : y; });
}

/// Broadcasting MINIMUM.
template <typename T>
inline void minimum_broadcast(const BroadcastDesc& d, const T* input1, const T* input2, T* output) {
  binary_broadcast(d, input1, input2, output, [](T x, T y) { return x < y ? x : y; });
}

}  // namespace tinyaot_rt
