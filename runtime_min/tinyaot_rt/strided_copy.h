// tinyaot runtime: the two copy patterns behind the data-movement ops, with all geometry precomputed.
// strided_copy: the output is written densely while the input is read along up to 6 (merged) dimensions
// with signed element strides from a start offset (STRIDED_SLICE, SLICE, SPACE_TO_DEPTH, DEPTH_TO_SPACE).
// copy_rows: `rows` runs of bytes between two pitched layouts (CONCATENATION, PACK, SPLIT, SPLIT_V, UNPACK
// call it once per input or output).
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Compile-time walk of one strided gather (outermost first; unused leading entries are 1 / 0).
struct StridedCopyParams {
  int32_t offset;      ///< input element of output element 0
  int32_t dims[6];     ///< output extent of each walked dimension
  int32_t strides[6];  ///< input step, in elements, along each walked dimension (may be negative)
};

/// Dense output <- strided input; T is any trivially copyable element type.
template <typename T>
inline void strided_copy(const StridedCopyParams& p, const T* input, T* output) {
  int32_t o = 0;
  for (int32_t i0 = 0; i0 < p.dims[0]; ++i0) {
    const int32_t a0 = p.offset + i0 * p.strides[0];
    for (int32_t i1 = 0; i1 < p.dims[1]; ++i1) {
      const int32_t a1 = a0 + i1 * p.strides[1];
      for (int32_t i2 = 0; i2 < p.dims[2]; ++i2) {
        const int32_t a2 = a1 + i2 * p.strides[2];
        for (int32_t i3 = 0; i3 < p.dims[3]; ++i3) {
          const int32_t a3 = a2 + i3 * p.strides[3];
          for (int32_t i4 = 0; i4 < p.dims[4]; ++i4) {
            const int32_t a4 = a3 + i4 * p.strides[4];
            for (int32_t i5 = 0; i5 < p.dims[5]; ++i5) output[o++] = input[a4 + i5 * p.strides[5]];
          }
        }
      }
    }
  }
}

/// One pitched block copy, all in bytes.
struct CopyRowsParams {
  int32_t rows;
  int32_t row_bytes;
  int32_t src_offset;  ///< first byte read
  int32_t src_pitch;   ///< distance between the starts of two source rows
  int32_t dst_offset;  ///< first byte written
  int32_t dst_pitch;
};

/// dst[dst_offset + r * dst_pitch + k] = src[src_offset + r * src_pitch + k] for every row r and byte k.
inline void copy_rows(const CopyRowsParams& p, const void* src, void* dst) {
  const auto* s = static_cast<const uint8_t*>(src) + p.src_offset;
  auto* d = static_cast<uint8_t*>(dst) + p.dst_offset;
  for (int32_t r = 0; r < p.rows; ++r) {
    for (int32_t k = 0; k < p.row_bytes; ++k) d[k] = s[k];
    s += p.src_pitch;
    d += p.dst_pitch;
  }
}

}  // namespace tinyaot_rt
