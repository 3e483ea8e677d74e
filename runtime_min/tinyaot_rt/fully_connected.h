// tinyaot runtime: FULLY_CONNECTED, reference kernels.
// Bit-exact with TFLite Micro's reference_integer_ops::FullyConnected / FullyConnectedPerChannel.
// input: [batches, accum_depth] (any leading shape flattened), filter: [output_depth, accum_depth].
// The compiler folds the input zero point into the bias (exact for FC: there is no padding), so the inner
// loop is a plain dot product.
#pragma once

#include <cstdint>

#include "tinyaot_rt/conv_common.h"

namespace tinyaot_rt {

/// Everything a fully connected layer needs besides its arrays; all known at compile time.
struct FullyConnectedParams {
  int32_t batches;
  int32_t accum_depth;
  int32_t output_depth;
  int32_t output_zero_point;
  int32_t act_min, act_max;
};

namespace detail {

template <typename Acc, typename T, typename BiasT>
inline void fully_connected(const FullyConnectedParams& p, const T* input, const int8_t* filter,
                            const BiasT* bias, const int32_t* multiplier, const int32_t* shift, T* output) {
  for (int32_t b = 0; b < p.batches; ++b) {
    const T* x = input + static_cast<int64_t>(b) * p.accum_depth;
    T* out = output + static_cast<int64_t>(b) * p.output_depth;
    const int8_t* w = filter;
    for (int32_t oc = 0; oc < p.output_depth; ++oc, w += p.accum_depth) {
      Acc acc = 0;
      for (int32_t d = 0; d < p.accum_depth; ++d) acc += static_cast<Acc>(w[d]) * x[d];
      if (bias) acc = add_wrap(acc, static_cast<Acc>(bias[oc]));
      out[oc] = static_cast<T>(
          requantize(acc, multiplier[oc], shift[oc], p.output_zero_point, p.act_min, p.act_max));
    }
  }
}

}  // namespace detail

/// int8 fully connected; `bias` is the folded bias (may be null when all zero); multiplier/shift are per
/// output channel (per-tensor quantization repeats one value).
inline void fully_connected_s8(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                               const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                               int8_t* output) {
  detail::fully_connected<int32_t>(p, input, filter, bias, multiplier, shift, output);
}

/// int16x8 fully connected (TFLite accumulates in int64 with an int64 bias). Zero points are 0.
inline void fully_connected_s16(const FullyConnectedParams& p, const int16_t* input, const int8_t* filter,
                                const int64_t* bias, const int32_t* multiplier, const int32_t* shift,
                                int16_t* output) {
  detail::fully_connected<int64_t>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
