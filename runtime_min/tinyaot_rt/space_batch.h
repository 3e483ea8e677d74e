// tinyaot runtime: SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND on [batch, height, width, depth] tensors (3-D
// inputs arrive as width 1), as TFLite Micro's reference kernels. Each output pixel is a run of
// `depth_bytes` bytes copied from one input pixel; SPACE_TO_BATCH_ND writes zero bytes where the block
// falls into the padding (TFLite Micro never sets the pad offset, so int8 pads with 0, not the zero point).
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// Compile-time geometry of one SPACE_TO_BATCH_ND or BATCH_TO_SPACE_ND.
struct SpaceBatchParams {
  int32_t in_batch, in_height, in_width;
  int32_t out_batch, out_height, out_width;
  int32_t block_h, block_w;
  int32_t before_h, before_w;  ///< top/left padding (space-to-batch) or cropping (batch-to-space)
  int32_t depth_bytes;         ///< bytes of one pixel (depth * element size)
};

namespace detail {
inline void copy_pixel(const uint8_t* src, uint8_t* dst, int32_t n) {
  for (int32_t k = 0; k < n; ++k) dst[k] = src[k];
}
}  // namespace detail

/// Output batch ob = (shift_h * block_w + shift_w) * in_batch + b holds input pixels
/// (oh * block_h + shift_h - before_h, ow * block_w + shift_w - before_w) of batch b.
inline void space_to_batch(const SpaceBatchParams& p, const void* input, void* output) {
  const auto* in = static_cast<const uint8_t*>(input);
  auto* out = static_cast<uint8_t*>(output);
  for (int32_t ob = 0; ob < p.out_batch; ++ob) {
    const int32_t b = ob % p.in_batch;
    const int32_t shift = ob / p.in_batch;
    const int32_t shift_h = shift / p.block_w, shift_w = shift % p.block_w;
    for (int32_t oh = 0; oh < p.out_height; ++oh) {
      const int32_t ih = oh * p.block_h + shift_h - p.before_h;
      for (int32_t ow = 0; ow < p.out_width; ++ow, out += p.depth_bytes) {
        const int32_t iw = ow * p.block_w + shift_w - p.before_w;
        if (ih < 0 || ih >= p.in_height || iw < 0 || iw >= p.in_width) {
          for (int32_t k = 0; k < p.depth_bytes; ++k) out[k] = 0;
        } else {
          detail::copy_pixel(in + ((b * p.in_height + ih) * p.in_width + iw) * p.depth_bytes, out, p.depth_bytes);
        }
      }
    }
  }
}

/// Inverse: output pixel (b, oh, ow) comes from input batch (shift_h * block_w + shift_w) * out_batch + b
/// with (oh + before_h, ow + before_w) = (ih * block_h + shift_h, iw * block_w + shift_w).
inline void batch_to_space(const SpaceBatchParams& p, const void* input, void* output) {
  const auto* in = static_cast<const uint8_t*>(input);
  auto* out = static_cast<uint8_t*>(output);
  for (int32_t b = 0; b < p.out_batch; ++b) {
    for (int32_t oh = 0; oh < p.out_height; ++oh) {
      const int32_t h = oh + p.before_h;
      const int32_t ih = h / p.block_h, shift_h = h % p.block_h;
      for (int32_t ow = 0; ow < p.out_width; ++ow, out += p.depth_bytes) {
        const int32_t w = ow + p.before_w;
        const int32_t iw = w / p.block_w, shift_w = w % p.block_w;
        const int32_t ib = (shift_h * p.block_w + shift_w) * p.out_batch + b;
        detail::copy_pixel(in + ((ib * p.in_height + ih) * p.in_width + iw) * p.depth_bytes, out, p.depth_bytes);
      }
    }
  }
}

}  // namespace tinyaot_rt
