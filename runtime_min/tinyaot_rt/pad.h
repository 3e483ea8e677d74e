// tinyaot runtime: PAD / PADV2 (constant padding) for up to 6 dimensions.
// The output is walked row by row (innermost dimension): a row outside the input in any outer dimension is
// all padding, otherwise it is left padding, a copy of the input row, right padding. The pad value (the
// output zero point for PAD, the constant for PADV2) is resolved at compile time.
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Compile-time geometry of one PAD; shapes extended to 6 dimensions with leading 1s.
struct PadParams {
  int32_t in_dims[6];
  int32_t out_dims[6];
  int32_t before[6];  ///< padding before the input along each dimension
};

/// Constant padding; T is any trivially copyable element type.
template <typename T>
inline void pad(const PadParams& p, const T* input, T* output, T pad_value) {
  const int32_t rows_outer = p.out_dims[0] * p.out_dims[1] * p.out_dims[2] * p.out_dims[3] * p.out_dims[4];
  const int32_t row_len = p.out_dims[5];
  const int32_t in_row_len = p.in_dims[5];
  int32_t idx[5] = {0, 0, 0, 0, 0};
  for (int32_t row = 0; row < rows_outer; ++row) {
    T* out = output + row * row_len;
    // Input row index of this output row, or -1 when the row is padding.
    int32_t in_row = 0;
    for (int d = 0; d < 5 && in_row >= 0; ++d) {
      const int32_t i = idx[d] - p.before[d];
      in_row = (i < 0 || i >= p.in_dims[d]) ? -1 : in_row * p.in_dims[d] + i;
    }
    if (in_row < 0) {
      for (int32_t x = 0; x < row_len; ++x) out[x] = pad_value;
    } else {
      const T* in = input + in_row * in_row_len;
      int32_t x = 0;
      for (; x < p.before[5]; ++x) out[x] = pad_value;
      for (int32_t k = 0; k < in_row_len; ++k, ++x) out[x] = in[k];
      for (; x < row_len; ++x) out[x] = pad_value;
    }
    // Next output row: odometer over dimensions 4 .. 0.
    for (int d = 4; d >= 0; --d) {
      if (++idx[d] < p.out_dims[d]) break;
      idx[d] = 0;
    }
  }
}

}  // namespace tinyaot_rt
