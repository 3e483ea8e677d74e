// tinyaot: unit tests of ADD: the kernel (runtime_min/tinyaot_rt/add.h) with hand-derived multipliers
// (equal scales make the arithmetic exact; 0.5 / 0.25 scales exercise rounding ties), broadcasting, int16,
// and the compile-time broadcast walk (compiler/ops/broadcast_util.h).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "compiler/ops/broadcast_util.h"
#include "tinyaot_rt/add.h"

namespace {

using tinyaot_rt::AddParams;

/// Both inputs and the output share one scale: input multipliers 0.5 = 2^30 * 2^-31, output multiplier
/// 2s / (2^20 s) = 2^-19 = 2^30 * 2^(-18 - 31). The result is exactly a' + b' + zp_out.
AddParams equal_scales_s8(int32_t zp1, int32_t zp2, int32_t zp_out) {
  return {-zp1, -zp2, zp_out, 20, 1 << 30, 0, 1 << 30, 0, 1 << 30, -18, -128, 127};
}

TEST(AddKernel, EqualScalesAddRealValues) {
  const AddParams p = equal_scales_s8(3, -2, 5);
  const std::vector<int8_t> a = {3, 10, -128, 127};
  const std::vector<int8_t> b = {-2, -2, -2, 100};
  std::vector<int8_t> out(4);
  tinyaot_rt::add_elementwise(p, a.data(), b.data(), out.data(), 4);
  // (a-3) + (b+2) + 5: 5, 12, -126, saturates at 127.
  EXPECT_EQ(out, (std::vector<int8_t>{5, 12, -126, 127}));
}

TEST(AddKernel, DifferentScalesRoundTiesAwayFromZero) {
  // Scales 0.5 and 0.25, output 1.0: twice_max = 1; input multipliers 0.5 (shift 0) and 0.25 (2^30, shift
  // -1); output 2^-20 (2^30, shift -19). out = round(0.5 a + 0.25 b), ties away from zero.
  const AddParams p = {0, 0, 0, 20, 1 << 30, 0, 1 << 30, -1, 1 << 30, -19, -128, 127};
  const std::vector<int8_t> a = {3, 1, 1, -1, -3, 100};
  const std::vector<int8_t> b = {1, 1, 0, 0, -1, 100};
  std::vector<int8_t> out(a.size());
  tinyaot_rt::add_elementwise(p, a.data(), b.data(), out.data(), static_cast<int32_t>(a.size()));
  // 1.75 -> 2, 0.75 -> 1, 0.5 -> 1, -0.5 -> -1, -1.75 -> -2, 75.
  EXPECT_EQ(out, (std::vector<int8_t>{2, 1, 1, -1, -2, 75}));
}

TEST(AddKernel, FusedActivationClamps) {
  AddParams p = equal_scales_s8(0, 0, 0);
  p.act_min = 0;
  p.act_max = 6;
  const std::vector<int8_t> a = {-5, 2, 10};
  const std::vector<int8_t> b = {1, 3, 1};
  std::vector<int8_t> out(3);
  tinyaot_rt::add_elementwise(p, a.data(), b.data(), out.data(), 3);
  EXPECT_EQ(out, (std::vector<int8_t>{0, 5, 6}));
}

TEST(AddKernel, BroadcastRowAndColumn) {
  const AddParams p = equal_scales_s8(0, 0, 0);
  // [2, 3] + [3]: input 2 repeats along rows.
  const tinyaot_rt::BroadcastDesc row = {{1, 1, 1, 1, 2, 3}, {0, 0, 0, 0, 3, 1}, {0, 0, 0, 0, 0, 1}};
  const std::vector<int8_t> a = {1, 2, 3, 4, 5, 6};
  const std::vector<int8_t> b = {10, 20, 30};
  std::vector<int8_t> out(6);
  tinyaot_rt::add_broadcast(p, row, a.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{11, 22, 33, 14, 25, 36}));

  // [2, 1] + [1, 3] -> [2, 3]: both inputs broadcast.
  const tinyaot_rt::BroadcastDesc both = {{1, 1, 1, 1, 2, 3}, {0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 1}};
  const std::vector<int8_t> col = {1, 2};
  tinyaot_rt::add_broadcast(p, both, col.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{11, 21, 31, 12, 22, 32}));
}

TEST(AddKernel, Int16EqualScales) {
  // int16: left shift 15, output multiplier 2s / (2^15 s) = 2^-14 -> (2^30, -13); zero points 0.
  const AddParams p = {0, 0, 0, 15, 1 << 30, 0, 1 << 30, 0, 1 << 30, -13, -32768, 32767};
  const std::vector<int16_t> a = {1000, -32768, 30000};
  const std::vector<int16_t> b = {-1, -5, 5000};
  std::vector<int16_t> out(3);
  tinyaot_rt::add_elementwise(p, a.data(), b.data(), out.data(), 3);
  EXPECT_EQ(out, (std::vector<int16_t>{999, -32768, 32767}));
}

TEST(BroadcastWalk, ShapeRules) {
  using tinyaot::Shape;
  EXPECT_EQ(tinyaot::broadcast_shape({1, 4, 4, 3}, {3}), (Shape{1, 4, 4, 3}));
  EXPECT_EQ(tinyaot::broadcast_shape({2, 1, 3}, {4, 1}), (Shape{2, 4, 3}));
  EXPECT_FALSE(tinyaot::broadcast_shape({2, 3}, {4}).has_value());
}

TEST(BroadcastWalk, MergesDimensionsWalkedAsOne) {
  // [1,4,4,3] + [3]: H and W merge (16 rows), channels stay separate because only input 1 is dense there.
  const auto w = tinyaot::broadcast_walk({1, 4, 4, 3}, {3}, {1, 4, 4, 3});
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->dims, (std::array<int32_t, 6>{1, 1, 1, 1, 16, 3}));
  EXPECT_EQ(w->strides1, (std::array<int32_t, 6>{0, 0, 0, 0, 3, 1}));
  EXPECT_EQ(w->strides2, (std::array<int32_t, 6>{0, 0, 0, 0, 0, 1}));

  // [2,1,3] + [1,4,1]: nothing merges.
  const auto v = tinyaot::broadcast_walk({2, 1, 3}, {1, 4, 1}, {2, 4, 3});
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->dims, (std::array<int32_t, 6>{1, 1, 1, 2, 4, 3}));
  EXPECT_EQ(v->strides1, (std::array<int32_t, 6>{0, 0, 0, 3, 0, 1}));
  EXPECT_EQ(v->strides2, (std::array<int32_t, 6>{0, 0, 0, 0, 1, 0}));

  // [1,1,5] + [1,1,1] (scalar-like): one dimension, input 2 never moves.
  const auto s = tinyaot::broadcast_walk({1, 1, 5}, {1, 1, 1}, {1, 1, 5});
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->dims, (std::array<int32_t, 6>{1, 1, 1, 1, 1, 5}));
  EXPECT_EQ(s->strides2, (std::array<int32_t, 6>{0, 0, 0, 0, 0, 0}));
}

TEST(BroadcastWalk, DrivesTheKernel) {
  // [2,1,3] + [1,2,1]: compare the kernel with a direct evaluation of the broadcast definition.
  const auto w = tinyaot::broadcast_walk({2, 1, 3}, {1, 2, 1}, {2, 2, 3});
  ASSERT_TRUE(w.has_value());
  tinyaot_rt::BroadcastDesc d{};
  for (int i = 0; i < 6; ++i) {
    d.dims[i] = w->dims[static_cast<std::size_t>(i)];
    d.strides1[i] = w->strides1[static_cast<std::size_t>(i)];
    d.strides2[i] = w->strides2[static_cast<std::size_t>(i)];
  }
  const std::vector<int8_t> a = {1, 2, 3, 4, 5, 6};  // [2,1,3]
  const std::vector<int8_t> b = {10, 20};            // [1,2,1]
  std::vector<int8_t> out(12);
  tinyaot_rt::add_broadcast(equal_scales_s8(0, 0, 0), d, a.data(), b.data(), out.data());
  std::vector<int8_t> want;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      for (int k = 0; k < 3; ++k) want.push_back(static_cast<int8_t>(a[static_cast<std::size_t>(i * 3 + k)] + b[static_cast<std::size_t>(j)]));
  EXPECT_EQ(out, want);
}

}  // namespace
