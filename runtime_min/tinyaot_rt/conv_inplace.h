// tinyaot runtime: CONV_2D and DEPTHWISE_CONV_2D running in place, i.e. with an output buffer that
// overlaps the input's. Each output pixel (all its channels) is computed into a small ring of `ring` pixels
// in the op's scratch and copied to its place only when the ring slot is needed again (or at the end).
// Pixels are visited in raster order (or backwards): the compiler (passes/inplace_access.h) proved for the
// chosen offset between output and input that every input byte a later pixel reads is still intact when a
// pixel is copied out. Per pixel the arithmetic is exactly that of conv2d.h / depthwise_conv2d.h, so the
// results are bit-exact with TFLite Micro. Batch 1 only (the compiler never chooses in place otherwise).
#pragma once

#include <cstddef>
#include <cstdint>

#include "tinyaot_rt/conv2d.h"
#include "tinyaot_rt/depthwise_conv2d.h"

namespace tinyaot_rt {

/// How an in-place convolution walks its output.
struct InPlaceParams {
  int32_t reverse;  ///< 0: first pixel to last; 1: last pixel to first
  int32_t ring;     ///< output pixels staged in the ring before they are copied out (>= 1)
};

namespace detail {

template <typename T>
inline void copy_pixel(const T* from, T* to, int32_t n) {
  for (int32_t i = 0; i < n; ++i) to[i] = from[i];
}

/// Visits the `out_h * out_w` output pixels in order, computing pixel k into ring slot k % ring with
/// `compute(oy, ox, slot)` and copying a slot to the output with `copy(from, to, pixel_elems)` just before
/// it is reused. The target variants pass their own copy (words on DSP cores, vectors on Helium). Always
/// inlined, so a kernel's walk is one function (the Helium fixed-window depthwise needs its pixel code
/// inlined into the walk: a call per pixel cost about 80 instructions).
template <typename T, typename Compute, typename Copy>
__attribute__((always_inline)) inline void staged_pixels(int32_t out_h, int32_t out_w, int32_t pixel_elems,
                                                         const InPlaceParams& ip, T* ring_buf, T* output,
                                                         Compute compute, Copy copy) {
  const int32_t n = out_h * out_w;
  const int32_t ring = ip.ring < 1 ? 1 : ip.ring;
  for (int32_t step = 0; step < n + ring; ++step) {
    // The pixel leaving the ring (computed `ring` steps ago), then the pixel entering it.
    const int32_t leaving = step - ring;
    if (leaving >= 0) {
      const int32_t k = ip.reverse ? n - 1 - leaving : leaving;
      copy(ring_buf + (leaving % ring) * pixel_elems, output + static_cast<int64_t>(k) * pixel_elems, pixel_elems);
    }
    if (step < n) {
      const int32_t k = ip.reverse ? n - 1 - step : step;
      compute(k / out_w, k % out_w, ring_buf + (step % ring) * pixel_elems);
    }
  }
}

/// staged_pixels() computing up to G pixels per call, for kernels that share weight loads between output
/// pixels: `compute_group(oy, ox, count, outs)` computes pixels (oy[i], ox[i]), i < count, into outs[i].
/// The ring sees exactly the copy-outs and slot writes of staged_pixels(): the first pixel of a group goes
/// to its ring slot, the others to `stage` ((G - 1) * pixel_elems elements, the caller's) and enter their
/// slots after the copy-out that precedes them in the one-pixel walk. Only the reads of the later pixels
/// move earlier, and an input byte that is intact at a later time was intact before (only copy-outs
/// overwrite the input), so the compiler's proof for staged_pixels() covers this walk too.
template <int G, typename T, typename ComputeGroup, typename Copy>
__attribute__((always_inline)) inline void staged_pixel_groups(int32_t out_h, int32_t out_w, int32_t pixel_elems,
                                                               const InPlaceParams& ip, T* ring_buf, T* output,
                                                               T* stage, ComputeGroup compute_group, Copy copy) {
  static_assert(G >= 1, "a group has at least one pixel");
  const int32_t n = out_h * out_w;
  const int32_t ring = ip.ring < 1 ? 1 : ip.ring;
  auto copy_out = [&](int32_t step) {  // the pixel leaving the ring before `step` is computed
    const int32_t leaving = step - ring;
    if (leaving < 0) return;
    const int32_t k = ip.reverse ? n - 1 - leaving : leaving;
    copy(ring_buf + (leaving % ring) * pixel_elems, output + static_cast<int64_t>(k) * pixel_elems, pixel_elems);
  };
  for (int32_t step = 0; step < n; step += G) {
    const int32_t count = n - step < G ? n - step : G;
    constexpr auto kG = static_cast<std::size_t>(G);
    int32_t oy[kG], ox[kG];
    T* outs[kG];
    for (int32_t i = 0; i < count; ++i) {
      const int32_t k = ip.reverse ? n - 1 - (step + i) : step + i;
      oy[i] = k / out_w;
      ox[i] = k % out_w;
      outs[i] = i == 0 ? ring_buf + (step % ring) * pixel_elems : stage + (i - 1) * pixel_elems;
    }
    copy_out(step);
    compute_group(oy, ox, count, outs);
    for (int32_t i = 1; i < count; ++i) {
      copy_out(step + i);
      copy(outs[i], ring_buf + ((step + i) % ring) * pixel_elems, pixel_elems);
    }
  }
  for (int32_t step = n; step < n + ring; ++step) copy_out(step);
}

/// staged_pixels() with the element-by-element copy of the reference kernels.
template <typename T, typename Compute>
inline void staged_pixels(int32_t out_h, int32_t out_w, int32_t pixel_elems, const InPlaceParams& ip,
                          T* ring_buf, T* output, Compute compute) {
  staged_pixels(out_h, out_w, pixel_elems, ip, ring_buf, output, compute,
                [](const T* from, T* to, int32_t n) { copy_pixel(from, to, n); });
}

template <typename Acc, typename T, typename BiasT>
inline void conv2d_inplace(const Conv2DParams& p, const InPlaceParams& ip, const T* input, const int8_t* filter,
                           const BiasT* bias, const int32_t* multiplier, const int32_t* shift, T* output,
                           T* ring_buf) {
  const int32_t span_h = (p.filter_h - 1) * p.dilation_h;
  const int32_t span_w = (p.filter_w - 1) * p.dilation_w;
  staged_pixels(p.output_h, p.output_w, p.output_c, ip, ring_buf, output, [&](int32_t oy, int32_t ox, T* out) {
    const int32_t in_y0 = oy * p.stride_h - p.pad_h;
    const int32_t in_x0 = ox * p.stride_w - p.pad_w;
    const bool inside = in_y0 >= 0 && in_y0 + span_h < p.input_h && in_x0 >= 0 && in_x0 + span_w < p.input_w;
    conv2d_pixel<Acc>(p, input, filter, bias, multiplier, shift, in_y0, in_x0, inside, out);
  });
}

/// One depthwise output pixel, all channels; the same sums in the same order as depthwise_conv2d().
template <typename Acc, typename T, typename BiasT>
inline void depthwise_pixel(const DepthwiseConv2DParams& p, const T* input, const int8_t* filter,
                            const BiasT* bias, const int32_t* multiplier, const int32_t* shift, int32_t in_y0,
                            int32_t in_x0, T* out) {
  for (int32_t oc = 0; oc < p.output_c; ++oc) {
    const int32_t ic = oc / p.depth_multiplier;
    Acc acc = 0;
    for (int32_t fy = 0; fy < p.filter_h; ++fy) {
      const int32_t in_y = in_y0 + fy * p.dilation_h;
      for (int32_t fx = 0; fx < p.filter_w; ++fx) {
        const int32_t in_x = in_x0 + fx * p.dilation_w;
        const int32_t w = filter[(static_cast<int64_t>(fy) * p.filter_w + fx) * p.output_c + oc];
        if (in_y >= 0 && in_y < p.input_h && in_x >= 0 && in_x < p.input_w)
          acc += static_cast<Acc>(w) * input[(static_cast<int64_t>(in_y) * p.input_w + in_x) * p.input_c + ic];
        else
          acc += static_cast<Acc>(w) * p.input_zero_point;
      }
    }
    if (bias) acc = add_wrap(acc, static_cast<Acc>(bias[oc]));
    out[oc] = static_cast<T>(requantize(acc, multiplier[oc], shift[oc], p.output_zero_point, p.act_min, p.act_max));
  }
}

template <typename Acc, typename T, typename BiasT>
inline void depthwise_conv2d_inplace(const DepthwiseConv2DParams& p, const InPlaceParams& ip, const T* input,
                                     const int8_t* filter, const BiasT* bias, const int32_t* multiplier,
                                     const int32_t* shift, T* output, T* ring_buf) {
  staged_pixels(p.output_h, p.output_w, p.output_c, ip, ring_buf, output, [&](int32_t oy, int32_t ox, T* out) {
    depthwise_pixel<Acc>(p, input, filter, bias, multiplier, shift, oy * p.stride_h - p.pad_h,
                         ox * p.stride_w - p.pad_w, out);
  });
}

}  // namespace detail

/// int8 convolution over an overlapping output (see the banner); `ring_buf` holds ip.ring * output_c values.
inline void conv2d_inplace_s8(const Conv2DParams& p, const InPlaceParams& ip, const int8_t* input,
                              const int8_t* filter, const int32_t* bias, const int32_t* multiplier,
                              const int32_t* shift, int8_t* output, int8_t* ring_buf) {
  detail::conv2d_inplace<int32_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
}

/// int16x8 convolution in place, 64-bit accumulator path.
inline void conv2d_inplace_s16(const Conv2DParams& p, const InPlaceParams& ip, const int16_t* input,
                               const int8_t* filter, const int64_t* bias, const int32_t* multiplier,
                               const int32_t* shift, int16_t* output, int16_t* ring_buf) {
  detail::conv2d_inplace<int64_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
}

/// int16x8 convolution in place, 32-bit accumulator path.
inline void conv2d_inplace_s16(const Conv2DParams& p, const InPlaceParams& ip, const int16_t* input,
                               const int8_t* filter, const int32_t* bias, const int32_t* multiplier,
                               const int32_t* shift, int16_t* output, int16_t* ring_buf) {
  detail::conv2d_inplace<int32_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
}

/// int8 depthwise convolution in place.
inline void depthwise_conv2d_inplace_s8(const DepthwiseConv2DParams& p, const InPlaceParams& ip,
                                        const int8_t* input, const int8_t* filter, const int32_t* bias,
                                        const int32_t* multiplier, const int32_t* shift, int8_t* output,
                                        int8_t* ring_buf) {
  detail::depthwise_conv2d_inplace<int32_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
}

/// int16x8 depthwise convolution in place (int64 accumulator, like depthwise_conv2d_s16).
inline void depthwise_conv2d_inplace_s16(const DepthwiseConv2DParams& p, const InPlaceParams& ip,
                                         const int16_t* input, const int8_t* filter, const int64_t* bias,
                                         const int32_t* multiplier, const int32_t* shift, int16_t* output,
                                         int16_t* ring_buf) {
  detail::depthwise_conv2d_inplace<int64_t>(p, ip, input, filter, bias, multiplier, shift, output, ring_buf);
}

}  // namespace tinyaot_rt
