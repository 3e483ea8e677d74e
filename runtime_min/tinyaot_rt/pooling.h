// tinyaot runtime: AVERAGE_POOL_2D and MAX_POOL_2D on NHWC int8 / int16 tensors.
// As TFLite's reference integer pooling: input and output share scale and zero point, so the kernels work
// on raw quantized values. The average counts only the taps inside the input (padding is not averaged
// in) and rounds half away from zero; both clamp to the fused activation range.
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Compile-time geometry of one pooling op (padding from TFLite's SAME/VALID rule, top/left amounts).
struct PoolParams {
  int32_t batches;
  int32_t input_height;
  int32_t input_width;
  int32_t channels;
  int32_t output_height;
  int32_t output_width;
  int32_t filter_height;
  int32_t filter_width;
  int32_t stride_height;
  int32_t stride_width;
  int32_t pad_height;
  int32_t pad_width;
  int32_t act_min;
  int32_t act_max;
};

namespace detail {
inline int32_t pool_max(int32_t a, int32_t b) { return a > b ? a : b; }
inline int32_t pool_min(int32_t a, int32_t b) { return a < b ? a : b; }

/// Calls f(out_index, y_begin, y_end, x_begin, x_end, in_base) for every output pixel; the window is
/// clipped to the input, in_base is the input offset of pixel (0, 0) of the batch.
template <typename F>
inline void for_each_window(const PoolParams& p, F f) {
  for (int32_t b = 0; b < p.batches; ++b) {
    const int32_t in_base = b * p.input_height * p.input_width * p.channels;
    for (int32_t oy = 0; oy < p.output_height; ++oy) {
      const int32_t y0 = oy * p.stride_height - p.pad_height;
      const int32_t fy0 = pool_max(0, -y0);
      const int32_t fy1 = pool_min(p.filter_height, p.input_height - y0);
      for (int32_t ox = 0; ox < p.output_width; ++ox) {
        const int32_t x0 = ox * p.stride_width - p.pad_width;
        const int32_t fx0 = pool_max(0, -x0);
        const int32_t fx1 = pool_min(p.filter_width, p.input_width - x0);
        const int32_t out_index = ((b * p.output_height + oy) * p.output_width + ox) * p.channels;
        f(out_index, y0 + fy0, y0 + fy1, x0 + fx0, x0 + fx1, in_base);
      }
    }
  }
}
}  // namespace detail

/// Average pooling; T is int8_t or int16_t.
template <typename T>
inline void average_pool(const PoolParams& p, const T* input, T* output) {
  detail::for_each_window(p, [&](int32_t out_index, int32_t y_begin, int32_t y_end, int32_t x_begin,
                                 int32_t x_end, int32_t in_base) {
    const int32_t count = (y_end - y_begin) * (x_end - x_begin);
    for (int32_t c = 0; c < p.channels; ++c) {
      int32_t acc = 0;
      for (int32_t y = y_begin; y < y_end; ++y)
        for (int32_t x = x_begin; x < x_end; ++x)
          acc += input[in_base + (y * p.input_width + x) * p.channels + c];
      // Never 0 for TFLite's SAME/VALID geometry (TFLite would fail the op); guarded anyway.
      if (count > 0) acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
      acc = detail::pool_min(detail::pool_max(acc, p.act_min), p.act_max);
      output[out_index + c] = static_cast<T>(acc);
    }
  });
}

/// Max pooling; T is int8_t or int16_t.
template <typename T>
inline void max_pool(const PoolParams& p, const T* input, T* output) {
  detail::for_each_window(p, [&](int32_t out_index, int32_t y_begin, int32_t y_end, int32_t x_begin,
                                 int32_t x_end, int32_t in_base) {
    for (int32_t c = 0; c < p.channels; ++c) {
      int32_t m = sizeof(T) == 1 ? INT8_MIN : INT16_MIN;
      for (int32_t y = y_begin; y < y_end; ++y)
        for (int32_t x = x_begin; x < x_end; ++x)
          m = detail::pool_max(m, input[in_base + (y * p.input_width + x) * p.channels + c]);
      m = detail::pool_min(detail::pool_max(m, p.act_min), p.act_max);
      output[out_index + c] = static_cast<T>(m);
    }
  });
}

}  // namespace tinyaot_rt
