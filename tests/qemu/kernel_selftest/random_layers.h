// tinyaot tests: what the random kernel cases share, on the boards (kernel_selftest*.cpp) and on the host
// (kernel_variants_test.cpp): the xorshift32 generator and the output size of a convolution window.
#pragma once

#include <cstdint>

namespace kernel_selftest {

/// xorshift32; `state` must not be 0.
struct Rng {
  uint32_t state;
  uint32_t next() {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  }
  /// Uniform in [lo, hi].
  int32_t in(int32_t lo, int32_t hi) { return lo + static_cast<int32_t>(next() % static_cast<uint32_t>(hi - lo + 1)); }
};

/// Sets p.output_h / p.output_w of a CONV_2D or DEPTHWISE_CONV_2D window from its input, filter, stride,
/// dilation and padding; false when the output is empty.
template <class Params>
bool set_output_size(Params& p) {
  p.output_h = (p.input_h + 2 * p.pad_h - (p.filter_h - 1) * p.dilation_h - 1) / p.stride_h + 1;
  p.output_w = (p.input_w + 2 * p.pad_w - (p.filter_w - 1) * p.dilation_w - 1) / p.stride_w + 1;
  return p.output_h >= 1 && p.output_w >= 1;
}

}  // namespace kernel_selftest
