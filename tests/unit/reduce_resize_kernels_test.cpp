// tinyaot: unit tests of the ARG_MAX/ARG_MIN, REDUCE_MAX/MIN, SUM and RESIZE kernels with hand-computed
// expected values.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "tinyaot_rt/arg_min_max.h"
#include "tinyaot_rt/reduce.h"
#include "tinyaot_rt/resize.h"

namespace {

TEST(ArgMinMaxKernel, FirstIndexWinsTies) {
  // [2, 3] along axis 1.
  const std::vector<int8_t> in = {1, 5, 5, -3, -7, -7};
  const tinyaot_rt::ArgMinMaxParams p = {/*outer=*/2, /*axis_size=*/3, /*inner=*/1};
  std::vector<int32_t> out(2);
  tinyaot_rt::arg_min_max<true>(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int32_t>{1, 0}));
  tinyaot_rt::arg_min_max<false>(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int32_t>{0, 1}));
}

TEST(ArgMinMaxKernel, OuterAxisInt64Output) {
  // [2, 3] along axis 0: inner 3.
  const std::vector<int16_t> in = {1, 5, -2, 7, 5, -9};
  const tinyaot_rt::ArgMinMaxParams p = {/*outer=*/1, /*axis_size=*/2, /*inner=*/3};
  std::vector<int64_t> out(3);
  tinyaot_rt::arg_min_max<true>(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int64_t>{1, 0, 0}));
  tinyaot_rt::arg_min_max<false>(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int64_t>{0, 0, 1}));
}

TEST(ReduceKernel, MaxAndMinOverEitherAxis) {
  const std::vector<int8_t> in = {1, 5, -2, 7, 0, 3};  // [2, 3]
  const tinyaot_rt::ReduceWalk rows = {{1, 1, 1, 2}, {0, 0, 0, 3}, {1, 1, 1, 3}, {0, 0, 0, 1}};
  const tinyaot_rt::ReduceWalk cols = {{1, 1, 1, 3}, {0, 0, 0, 1}, {1, 1, 1, 2}, {0, 0, 0, 3}};
  std::vector<int8_t> two(2), three(3);
  tinyaot_rt::reduce_min_max<true>(rows, in.data(), two.data());
  EXPECT_EQ(two, (std::vector<int8_t>{5, 7}));
  tinyaot_rt::reduce_min_max<false>(rows, in.data(), two.data());
  EXPECT_EQ(two, (std::vector<int8_t>{-2, 0}));
  tinyaot_rt::reduce_min_max<true>(cols, in.data(), three.data());
  EXPECT_EQ(three, (std::vector<int8_t>{7, 5, 3}));
}

TEST(SumKernel, ZeroPointsScaleAndClamp) {
  const tinyaot_rt::ReduceWalk all = {{1, 1, 1, 1}, {0, 0, 0, 0}, {1, 1, 1, 4}, {0, 0, 0, 1}};
  const std::vector<int8_t> in = {10, 20, 30, 40};
  std::vector<int8_t> out(1);
  // Input zero point 5 (5 * 4 = 20 subtracted), multiplier 1.0 (2^30, shift 1), output zero point -3.
  tinyaot_rt::sum(all, tinyaot_rt::SumParams{20, 1 << 30, 1, -3, -128, 127}, in.data(), out.data());
  EXPECT_EQ(out[0], 77);  // 100 - 20 - 3
  // Multiplier 0.5 (2^30, shift 0): 80 / 2 = 40, - 3.
  tinyaot_rt::sum(all, tinyaot_rt::SumParams{20, 1 << 30, 0, -3, -128, 127}, in.data(), out.data());
  EXPECT_EQ(out[0], 37);
  // 81 / 2 = 40.5 rounds away from zero to 41.
  tinyaot_rt::sum(all, tinyaot_rt::SumParams{19, 1 << 30, 0, 0, -128, 127}, in.data(), out.data());
  EXPECT_EQ(out[0], 41);
  const std::vector<int8_t> big = {127, 127, 127, 127};
  tinyaot_rt::sum(all, tinyaot_rt::SumParams{0, 1 << 30, 1, 0, -128, 127}, big.data(), out.data());
  EXPECT_EQ(out[0], 127);  // 508 saturates
}

TEST(ResizeKernel, NearestCopiesTableEntries) {
  // [1, 2, 2, 1] -> [1, 4, 4, 1] with source rows/columns {0, 0, 1, 1}.
  const tinyaot_rt::ResizeParams p = {1, 2, 2, 4, 4, 1};
  const std::vector<int32_t> idx = {0, 0, 1, 1};
  const std::vector<int8_t> in = {1, 2, 3, 4};
  std::vector<int8_t> out(16);
  tinyaot_rt::resize_nearest(p, idx.data(), idx.data(), in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}));
}

TEST(ResizeKernel, BilinearFixedPointRounding) {
  // Width 2 -> 3 (scale_10 = (2048 + 1) / 3 = 683): positions 0, 683, 1366 -> (lower, upper, frac)
  // (0, 0, 0), (0, 1, 683), (1, 1, 342). Height 1 -> 1: (0, 0, 0).
  const tinyaot_rt::ResizeParams p = {1, 1, 2, 1, 3, 1};
  const std::vector<int32_t> y_lo = {0}, y_hi = {0}, y_fr = {0};
  const std::vector<int32_t> x_lo = {0, 0, 1}, x_hi = {0, 1, 1}, x_fr = {0, 683, 342};
  const tinyaot_rt::BilinearAxis ys = {y_lo.data(), y_hi.data(), y_fr.data()};
  const tinyaot_rt::BilinearAxis xs = {x_lo.data(), x_hi.data(), x_fr.data()};
  std::vector<int8_t> out(3);
  const std::vector<int8_t> in = {0, 100};
  tinyaot_rt::resize_bilinear(p, ys, xs, in.data(), out.data());
  // 100 * 1024 * 683 / 2^20 = 66.70 -> 67.
  EXPECT_EQ(out, (std::vector<int8_t>{0, 67, 100}));
  const std::vector<int8_t> neg = {0, -100};
  tinyaot_rt::resize_bilinear(p, ys, xs, neg.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, -67, -100}));  // rounds half away from zero
  // A negative fraction (half-pixel border) still weighs the same row: 1280 * v - 256 * v = 1024 * v.
  const std::vector<int32_t> b_lo = {0}, b_hi = {0}, b_fr = {-256};
  const tinyaot_rt::ResizeParams q = {1, 1, 1, 1, 1, 1};
  const tinyaot_rt::BilinearAxis border = {b_lo.data(), b_hi.data(), b_fr.data()};
  std::vector<int16_t> one(1);
  const std::vector<int16_t> v = {-1234};
  tinyaot_rt::resize_bilinear(q, border, border, v.data(), one.data());
  EXPECT_EQ(one[0], -1234);
}

}  // namespace
