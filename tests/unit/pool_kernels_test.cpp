// tinyaot: unit tests of the pooling kernels (runtime_min/tinyaot_rt/pooling.h) with hand-computed values:
// rounding half away from zero, in-bounds-only averaging under SAME padding, activation clamps, NHWC
// indexing with several batches and channels.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "tinyaot_rt/pooling.h"

namespace {

using tinyaot_rt::PoolParams;

/// 1 batch, 1 channel, no padding, full int8 activation range.
PoolParams simple(int32_t in_h, int32_t in_w, int32_t out_h, int32_t out_w, int32_t f, int32_t s) {
  return {1, in_h, in_w, 1, out_h, out_w, f, f, s, s, 0, 0, -128, 127};
}

TEST(AveragePool, RoundsHalfAwayFromZero) {
  // 2x2 windows, stride 2, on a 2x8 input: sums 10, -10, 5, -5, giving 2.5, -2.5, 1.25, -1.25.
  const std::vector<int8_t> in = {1, 2, -1, -2, 1, 1, -1, -1,  //
                                  3, 4, -3, -4, 1, 2, -1, -2};
  std::vector<int8_t> out(4);
  tinyaot_rt::average_pool(simple(2, 8, 1, 4, 2, 2), in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{3, -3, 1, -1}));
}

TEST(AveragePool, SamePaddingAveragesOnlyInBoundsTaps) {
  // 3x3 window, stride 1, pad 1 on a 2x2 input: every window covers exactly the 4 pixels (sum 101).
  PoolParams p = simple(2, 2, 2, 2, 3, 1);
  p.pad_height = p.pad_width = 1;
  const std::vector<int8_t> in = {10, 20, 30, 41};
  std::vector<int8_t> out(4);
  tinyaot_rt::average_pool(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{25, 25, 25, 25}));  // 101 / 4 = 25.25

  // 3x3 input, 3x3 window, pad 1: the corner sees 4 taps, the edge 6, the centre 9.
  PoolParams q = simple(3, 3, 3, 3, 3, 1);
  q.pad_height = q.pad_width = 1;
  const std::vector<int8_t> ones = {9, 9, 9, 9, 9, 9, 9, 9, 90};
  std::vector<int8_t> out9(9);
  tinyaot_rt::average_pool(q, ones.data(), out9.data());
  // corner (0,0): 9*4/4 = 9; edge (0,1): 9; centre: (8*9 + 90) / 9 = 18; corner (2,2): (27+90)/4 = 29.25.
  EXPECT_EQ(out9[0], 9);
  EXPECT_EQ(out9[1], 9);
  EXPECT_EQ(out9[4], 18);
  EXPECT_EQ(out9[8], 29);
  EXPECT_EQ(out9[5], 23);  // (5 * 9 + 90) / 6 = 22.5
}

TEST(AveragePool, ClampsToActivationRangeAndHandlesChannelsAndBatches) {
  // 2 batches, 1x2 input, 2 channels, 1x2 window: channel 0 averages to -5, channel 1 to 50.
  PoolParams p = {2, 1, 2, 2, 1, 1, 1, 2, 1, 1, 0, 0, /*act_min=*/0, /*act_max=*/40};
  const std::vector<int8_t> in = {-4, 50, -6, 50,    // batch 0: pixels (c0, c1)
                                  10, -20, 11, -21};  // batch 1
  std::vector<int8_t> out(4);
  tinyaot_rt::average_pool(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 40, 11, 0}));  // -5 -> 0, 50 -> 40, 10.5 -> 11, -20.5 -> -21 -> 0
}

TEST(AveragePool, Int16) {
  PoolParams p = {1, 1, 4, 1, 1, 2, 1, 2, 1, 2, 0, 0, -32768, 32767};
  const std::vector<int16_t> in = {1000, 1001, -30000, -30001};
  std::vector<int16_t> out(2);
  tinyaot_rt::average_pool(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int16_t>{1001, -30001}));  // 1000.5 -> 1001, -30000.5 -> -30001
}

TEST(MaxPool, IgnoresPaddingAndClamps) {
  // All values negative with SAME padding: padding must not contribute a 0.
  PoolParams p = simple(2, 2, 2, 2, 3, 1);
  p.pad_height = p.pad_width = 1;
  const std::vector<int8_t> in = {-100, -90, -80, -128};
  std::vector<int8_t> out(4);
  tinyaot_rt::max_pool(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-80, -80, -80, -80}));

  p.act_min = -85;
  p.act_max = 127;
  const std::vector<int8_t> in2 = {-100, -90, -128, -128};
  tinyaot_rt::max_pool(p, in2.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-85, -85, -85, -85}));  // max -90 clamped to -85
}

TEST(MaxPool, StridedWindowsPerChannel) {
  // 1x4 input, 2 channels, 1x2 window, stride 2.
  PoolParams p = {1, 1, 4, 2, 1, 2, 1, 2, 1, 2, 0, 0, -128, 127};
  const std::vector<int8_t> in = {1, -1, 5, -7, 127, -128, 3, -128};
  std::vector<int8_t> out(4);
  tinyaot_rt::max_pool(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{5, -1, 127, -128}));
}

TEST(MaxPool, Int16AndNonSquareWindow) {
  // 2x3 input, 2x1 window, stride (1, 2): out 1x2.
  PoolParams p = {1, 2, 3, 1, 1, 2, 2, 1, 1, 2, 0, 0, -32768, 32767};
  const std::vector<int16_t> in = {-300, 7, 20000, -400, 8, -32768};
  std::vector<int16_t> out(2);
  tinyaot_rt::max_pool(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int16_t>{-300, 20000}));
}

}  // namespace
