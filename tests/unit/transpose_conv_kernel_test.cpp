// tinyaot: unit tests of the int8 TRANSPOSE_CONV kernel (runtime_min/tinyaot_rt/transpose_conv.h): the
// scatter of each input pixel through the filter, overlapping windows, padding, input zero point, bias and
// per-channel requantization, with hand-computed outputs (multiplier 1 = (2^30, 1) unless stated).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "tinyaot_rt/transpose_conv.h"

namespace {

using tinyaot_rt::TransposeConvParams;

TransposeConvParams params(int32_t in_hw, int32_t in_c, int32_t f_hw, int32_t out_hw, int32_t out_c,
                           int32_t stride, int32_t pad, int32_t in_zp, int32_t out_zp) {
  return {1, in_hw, in_hw, in_c, f_hw, f_hw, out_hw, out_hw, out_c, stride, stride, pad, pad, -in_zp, out_zp,
          -128, 127};
}

TEST(TransposeConvKernel, Stride2TilesTheFilter) {
  // 2x2 input, 2x2 filter, stride 2, VALID: every input pixel writes its own 2x2 block of the 4x4 output.
  const TransposeConvParams p = params(2, 1, 2, 4, 1, 2, 0, 1, 0);
  const std::vector<int8_t> in = {2, 3, 4, 5};  // 1, 2, 3, 4 after the zero point 1
  const std::vector<int8_t> w = {1, 2, 3, 4};
  const std::vector<int32_t> mult = {1 << 30}, shift = {1};
  std::vector<int32_t> scratch(16, 12345);  // must be cleared by the kernel
  std::vector<int8_t> out(16);
  tinyaot_rt::transpose_conv_s8(p, in.data(), w.data(), nullptr, mult.data(), shift.data(), scratch.data(),
                                out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{1, 2, 2, 4,  //
                                      3, 4, 6, 8,  //
                                      3, 6, 4, 8,  //
                                      9, 12, 12, 16}));
}

TEST(TransposeConvKernel, OverlappingWindowsSumAndBias) {
  // 2x2 input, 2x2 filter of ones, stride 1, SAME (pad 0 for a 2x2 output): out[y][x] sums the inputs at
  // (y - fy, x - fx). Bias 10, output zero point -5.
  const TransposeConvParams p = params(2, 1, 2, 2, 1, 1, 0, 0, -5);
  const std::vector<int8_t> in = {1, 2, 3, 4};
  const std::vector<int8_t> w = {1, 1, 1, 1};
  const std::vector<int32_t> bias = {10}, mult = {1 << 30}, shift = {1};
  std::vector<int32_t> scratch(4);
  std::vector<int8_t> out(4);
  tinyaot_rt::transpose_conv_s8(p, in.data(), w.data(), bias.data(), mult.data(), shift.data(), scratch.data(),
                                out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{6, 8, 9, 15}));  // 1, 3, 4, 10 plus 10 minus 5
}

TEST(TransposeConvKernel, PaddingCropsAndChannelsRequantizeSeparately) {
  // 1x1 input with 2 channels, 3x3 filter, stride 1, pad 1: the 1x1 output sees only the filter centre.
  // Two output channels: multiplier 1 and 0.5 ((2^30, 0), ties rounded up).
  const TransposeConvParams p = params(1, 2, 3, 1, 2, 1, 1, 0, 0);
  const std::vector<int8_t> in = {3, -1};
  std::vector<int8_t> w(2 * 9 * 2, 100);  // OHWI: every tap 100 except the centres
  w[(0 * 9 + 4) * 2 + 0] = 2;
  w[(0 * 9 + 4) * 2 + 1] = 1;
  w[(1 * 9 + 4) * 2 + 0] = 1;
  w[(1 * 9 + 4) * 2 + 1] = -2;
  const std::vector<int32_t> mult = {1 << 30, 1 << 30}, shift = {1, 0};
  std::vector<int32_t> scratch(2);
  std::vector<int8_t> out(2);
  tinyaot_rt::transpose_conv_s8(p, in.data(), w.data(), nullptr, mult.data(), shift.data(), scratch.data(),
                                out.data());
  // Channel 0: 3 * 2 - 1 = 5. Channel 1: (3 + 2) / 2 = 2.5 -> 3.
  EXPECT_EQ(out, (std::vector<int8_t>{5, 3}));
}

}  // namespace
