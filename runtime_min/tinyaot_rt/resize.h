// tinyaot runtime: RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR on NHWC tensors.
// Every coordinate computation (TFLite's float GetNearestNeighbor, the 10-bit fixed-point source positions
// of ResizeBilinearInteger with align_corners / half_pixel_centers) is done at compile time and arrives as
// per-row and per-column tables; the kernels only copy or blend.
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Compile-time shape of one resize (the channel count is the same for input and output).
struct ResizeParams {
  int32_t batches;
  int32_t in_height, in_width;
  int32_t out_height, out_width;
  int32_t depth;
};

/// Nearest neighbour: output (y, x) copies input (in_y[y], in_x[x]); T is any element type.
template <typename T>
inline void resize_nearest(const ResizeParams& p, const int32_t* in_y, const int32_t* in_x, const T* input,
                           T* output) {
  for (int32_t b = 0; b < p.batches; ++b) {
    const T* batch = input + b * p.in_height * p.in_width * p.depth;
    for (int32_t y = 0; y < p.out_height; ++y) {
      const T* row = batch + in_y[y] * p.in_width * p.depth;
      for (int32_t x = 0; x < p.out_width; ++x) {
        const T* px = row + in_x[x] * p.depth;
        for (int32_t c = 0; c < p.depth; ++c) *output++ = px[c];
      }
    }
  }
}

/// Source positions of one output row or column: lower and upper input index and the fractional part
/// (position - 1024 * lower, in 1/1024 steps; may be negative with half-pixel centers at the border).
struct BilinearAxis {
  const int32_t* lower;
  const int32_t* upper;
  const int32_t* frac;
};

/// TFLite ResizeBilinearInteger: a 20-bit fixed-point blend of the four neighbours, rounded half away
/// from zero (the default, not TFLITE_SINGLE_ROUNDING, build). T is int8_t or int16_t.
template <typename T>
inline void resize_bilinear(const ResizeParams& p, const BilinearAxis& ys, const BilinearAxis& xs,
                            const T* input, T* output) {
  const int32_t row_len = p.in_width * p.depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    const T* batch = input + b * p.in_height * row_len;
    for (int32_t y = 0; y < p.out_height; ++y) {
      const T* r0 = batch + ys.lower[y] * row_len;
      const T* r1 = batch + ys.upper[y] * row_len;
      const int64_t wy1 = ys.frac[y], wy0 = 1024 - wy1;
      for (int32_t x = 0; x < p.out_width; ++x) {
        const int32_t c0 = xs.lower[x] * p.depth, c1 = xs.upper[x] * p.depth;
        const int64_t wx1 = xs.frac[x], wx0 = 1024 - wx1;
        for (int32_t c = 0; c < p.depth; ++c) {
          const int64_t acc = r0[c0 + c] * wy0 * wx0 + r1[c0 + c] * wy1 * wx0 + r0[c1 + c] * wy0 * wx1 +
                              r1[c1 + c] * wy1 * wx1;
          const int64_t round = acc > 0 ? (int64_t{1} << 19) : -(int64_t{1} << 19);
          *output++ = static_cast<T>((acc + round) / (int64_t{1} << 20));
        }
      }
    }
  }
}

}  // namespace tinyaot_rt
