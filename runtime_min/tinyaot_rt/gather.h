// tinyaot runtime: GATHER (batch_dims 0) along one axis with int32 or int64 indices.
// The input is seen as [outer, axis_size, inner] and the output as [outer, num_indices, inner]; each index
// selects a block of `inner` elements, copied as bytes. Indices may be computed at run time, so each one is
// bounds-checked (as TFLite Micro does): the call returns false on the first bad index.
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Compile-time geometry of one GATHER.
struct GatherParams {
  int32_t outer;        ///< product of the input dimensions before the axis
  int32_t axis_size;    ///< input extent along the axis
  int32_t num_indices;  ///< number of index values
  int32_t block_bytes;  ///< bytes of one selected block (inner elements * element size)
};

/// Gathers blocks; I is int32_t or int64_t. Returns false (output incomplete) on an index outside
/// [0, axis_size).
template <typename I>
inline bool gather(const GatherParams& p, const void* input, const I* indices, void* output) {
  const auto* in = static_cast<const uint8_t*>(input);
  auto* out = static_cast<uint8_t*>(output);
  for (int32_t o = 0; o < p.outer; ++o) {
    const uint8_t* base = in + o * p.axis_size * p.block_bytes;
    for (int32_t i = 0; i < p.num_indices; ++i) {
      const I index = indices[i];
      if (index < 0 || index >= p.axis_size) return false;
      const uint8_t* src = base + static_cast<int32_t>(index) * p.block_bytes;
      for (int32_t k = 0; k < p.block_bytes; ++k) out[k] = src[k];
      out += p.block_bytes;
    }
  }
  return true;
}

}  // namespace tinyaot_rt
