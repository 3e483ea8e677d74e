// tinyaot: unit tests of the element-wise binary kernels SUB, MUL, SQUARED_DIFFERENCE, MAXIMUM/MINIMUM and
// PRELU (runtime_min/tinyaot_rt/). Scales are chosen so that the multipliers are powers of two and the
// expected values can be derived by hand; a few cases exercise the rounding of ties (gemmlowp rounds the
// doubling high multiply half up, the rounding shift half away from zero).
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "compiler/ops/broadcast_util.h"
#include "tinyaot_rt/maximum_minimum.h"
#include "tinyaot_rt/mul.h"
#include "tinyaot_rt/prelu.h"
#include "tinyaot_rt/squared_difference.h"
#include "tinyaot_rt/sub.h"

namespace {

using tinyaot_rt::AddParams;
using tinyaot_rt::BroadcastDesc;

/// The compile-time walk (broadcast_util) as the runtime descriptor.
BroadcastDesc desc_of(const tinyaot::Shape& a, const tinyaot::Shape& b) {
  const tinyaot::BroadcastWalk w = *tinyaot::broadcast_walk(a, b, *tinyaot::broadcast_shape(a, b));
  BroadcastDesc d{};
  for (int i = 0; i < 6; ++i) {
    d.dims[i] = w.dims[static_cast<std::size_t>(i)];
    d.strides1[i] = w.strides1[static_cast<std::size_t>(i)];
    d.strides2[i] = w.strides2[static_cast<std::size_t>(i)];
  }
  return d;
}

// --- SUB: equal scales s give input multipliers 0.5 (2^30, 0) and output 2s / (2^20 s) = 2^-19
// (2^30, -18), so the result is exactly (a - zp1) - (b - zp2) + zp_out.
TEST(SubKernel, EqualScalesSubtractRealValues) {
  const AddParams p = {-3, 2, 5, 20, 1 << 30, 0, 1 << 30, 0, 1 << 30, -18, -128, 127};
  const std::vector<int8_t> a = {3, 10, -128, 127};
  const std::vector<int8_t> b = {-2, -2, -2, -100};
  std::vector<int8_t> out(4);
  tinyaot_rt::sub_elementwise(p, a.data(), b.data(), out.data(), 4);
  // 0 - 0 + 5, 7 - 0 + 5, -131 + 5, 124 + 98 + 5 saturates.
  EXPECT_EQ(out, (std::vector<int8_t>{5, 12, -126, 127}));
}

TEST(SubKernel, DifferentScalesRoundTiesAwayFromZero) {
  // Scales 0.5 and 0.25, output 1: twice_max 1, multipliers 0.5 (2^30, 0), 0.25 (2^30, -1) and 2^-20
  // (2^30, -19): out = round((2a - b) / 4) with ties away from zero.
  const AddParams p = {0, 0, 0, 20, 1 << 30, 0, 1 << 30, -1, 1 << 30, -19, -128, 127};
  const std::vector<int8_t> a = {1, -1, 1, 3, 0, 100};
  const std::vector<int8_t> b = {0, 0, 1, -1, 2, -100};
  std::vector<int8_t> out(a.size());
  tinyaot_rt::sub_elementwise(p, a.data(), b.data(), out.data(), static_cast<int32_t>(a.size()));
  // 0.5 -> 1, -0.5 -> -1, 0.25 -> 0, 1.75 -> 2, -0.5 -> -1, 75.
  EXPECT_EQ(out, (std::vector<int8_t>{1, -1, 0, 2, -1, 75}));
}

TEST(SubKernel, BroadcastEitherOperandAndActivation) {
  AddParams p = {0, 0, 0, 20, 1 << 30, 0, 1 << 30, 0, 1 << 30, -18, -128, 127};
  const std::vector<int8_t> m = {10, 20, 30, 40, 50, 60};  // [2, 3]
  const std::vector<int8_t> row = {1, 2, 3};              // [3]
  std::vector<int8_t> out(6);
  tinyaot_rt::sub_broadcast(p, desc_of({2, 3}, {3}), m.data(), row.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{9, 18, 27, 39, 48, 57}));
  tinyaot_rt::sub_broadcast(p, desc_of({3}, {2, 3}), row.data(), m.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-9, -18, -27, -39, -48, -57}));
  p.act_min = 0;  // RELU with output zero point 0
  tinyaot_rt::sub_broadcast(p, desc_of({3}, {2, 3}), row.data(), m.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>(6, 0)));
}

TEST(SubKernel, Int16EqualScales) {
  // Left shift 15, output multiplier 2s / (2^15 s) = 2^-14 -> (2^30, -13).
  const AddParams p = {0, 0, 0, 15, 1 << 30, 0, 1 << 30, 0, 1 << 30, -13, -32768, 32767};
  const std::vector<int16_t> a = {1000, -32768, 30000};
  const std::vector<int16_t> b = {-1, 5, -5000};
  std::vector<int16_t> out(3);
  tinyaot_rt::sub_elementwise(p, a.data(), b.data(), out.data(), 3);
  EXPECT_EQ(out, (std::vector<int16_t>{1001, -32768, 32767}));
}

// --- MUL: 0.5 * 0.5 / 0.25 = 1 -> (2^30, 1), the product passes unchanged.
TEST(MulKernel, UnitMultiplierWithZeroPoints) {
  const tinyaot_rt::MulParams p = {-1, 2, 3, 1 << 30, 1, -128, 127};
  const std::vector<int8_t> a = {1, 3, -5, 100};
  const std::vector<int8_t> b = {-2, 4, 2, 100};
  std::vector<int8_t> out(4);
  tinyaot_rt::mul_elementwise(p, a.data(), b.data(), out.data(), 4);
  // (a - 1) * (b + 2) + 3: 3, 15, -21, 10101 saturates.
  EXPECT_EQ(out, (std::vector<int8_t>{3, 15, -21, 127}));
}

TEST(MulKernel, HalfMultiplierRoundsTiesUp) {
  // Multiplier 0.5 = (2^30, 0): only the doubling high multiply rounds, and it rounds ties toward +inf.
  const tinyaot_rt::MulParams p = {0, 0, 0, 1 << 30, 0, -128, 127};
  const std::vector<int8_t> a = {3, -3, 5, -5};
  const std::vector<int8_t> b = {1, 1, 1, 1};
  std::vector<int8_t> out(4);
  tinyaot_rt::mul_elementwise(p, a.data(), b.data(), out.data(), 4);
  EXPECT_EQ(out, (std::vector<int8_t>{2, -1, 3, -2}));
}

TEST(MulKernel, BroadcastScalarAndActivation) {
  const tinyaot_rt::MulParams p = {0, 0, 0, 1 << 30, 1, 0, 10};
  const std::vector<int8_t> a = {-2, 1, 2, 3};  // [2, 2]
  const std::vector<int8_t> s = {4};            // [1]
  std::vector<int8_t> out(4);
  tinyaot_rt::mul_broadcast(p, desc_of({2, 2}, {1}), a.data(), s.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 4, 8, 10}));
}

TEST(MulKernel, Int16Q15Product) {
  // Q15 * Q15 -> Q15: multiplier 2^-15 = (2^30, -14).
  const tinyaot_rt::MulParams p = {0, 0, 0, 1 << 30, -14, -32768, 32767};
  const std::vector<int16_t> a = {16384, 32767, -32768};
  const std::vector<int16_t> b = {16384, 32767, 32767};
  std::vector<int16_t> out(3);
  tinyaot_rt::mul_elementwise(p, a.data(), b.data(), out.data(), 3);
  EXPECT_EQ(out, (std::vector<int16_t>{8192, 32766, -32767}));
}

// --- SQUARED_DIFFERENCE: scales 0.5 / 0.5 / 0.25: input multipliers 0.5, output 1 / (2^14 * 0.25) = 2^-12
// -> (2^30, -11); with the left shift of 7 everything is exact: out = (a - b)^2 + zp_out.
TEST(SquaredDifferenceKernel, Int8ExactSquares) {
  const tinyaot_rt::SquaredDifferenceParams p = {0, 0, -128, 7, 1 << 30, 0, 1 << 30, 0, 1 << 30, -11, -128, 127};
  const std::vector<int8_t> a = {0, 3, -5, 100};
  const std::vector<int8_t> b = {0, 1, 5, -100};
  std::vector<int8_t> out(4);
  tinyaot_rt::squared_difference_elementwise(p, a.data(), b.data(), out.data(), 4);
  EXPECT_EQ(out, (std::vector<int8_t>{-128, -124, -28, 127}));
  tinyaot_rt::squared_difference_broadcast(p, desc_of({4}, {1}), a.data(), b.data() + 1, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-127, -124, -92, 127}));  // (a - 1)^2 - 128
}

TEST(SquaredDifferenceKernel, Int16HalvesEachInput) {
  // Scales 1 / 1 / 4, no left shift: the inputs are halved (0.5 multipliers), the square is multiplied by
  // 4 / 4 = 1 -> (2^30, 1).
  const tinyaot_rt::SquaredDifferenceParams p = {0, 0, 0, 0, 1 << 30, 0, 1 << 30, 0, 1 << 30, 1, -32768, 32767};
  const std::vector<int16_t> a = {10, -20, 300};
  const std::vector<int16_t> b = {2, 20, 0};
  std::vector<int16_t> out(3);
  tinyaot_rt::squared_difference_elementwise(p, a.data(), b.data(), out.data(), 3);
  EXPECT_EQ(out, (std::vector<int16_t>{16, 400, 22500}));
}

TEST(MaximumMinimumKernel, ElementwiseAndBroadcast) {
  const std::vector<int8_t> a = {-5, 7, 0, 100, -128, 3};  // [2, 3]
  const std::vector<int8_t> b = {0, 7, 50};               // [3]
  std::vector<int8_t> out(6);
  tinyaot_rt::maximum_broadcast(desc_of({2, 3}, {3}), a.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 7, 50, 100, 7, 50}));
  tinyaot_rt::minimum_broadcast(desc_of({2, 3}, {3}), a.data(), b.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-5, 7, 0, 0, -128, 3}));
  const std::vector<int16_t> x = {-300, 300}, y = {200, -200};
  std::vector<int16_t> o(2);
  tinyaot_rt::maximum_elementwise(x.data(), y.data(), o.data(), 2);
  EXPECT_EQ(o, (std::vector<int16_t>{200, 300}));
  tinyaot_rt::minimum_elementwise(x.data(), y.data(), o.data(), 2);
  EXPECT_EQ(o, (std::vector<int16_t>{-300, -200}));
}

// --- PRELU: input and output share a scale (identity multiplier 1 -> (2^30, 1)), alpha scale 0.25
// (alpha multiplier 0.25 -> (2^30, -1)); zero points: input 3, alpha 1, output -1.
TEST(PreluKernel, PositiveIdentityNegativeTimesAlpha) {
  const tinyaot_rt::PreluParams p = {-3, -1, -1, 1 << 30, 1, 1 << 30, -1};
  const std::vector<int8_t> x = {3, 10, 1, -7};
  const std::vector<int8_t> alpha = {1, 1, 3, 5};  // 0, 0, 0.5, 1
  std::vector<int8_t> out(4);
  tinyaot_rt::prelu_elementwise(p, x.data(), alpha.data(), out.data(), 4);
  // x' = 0, 7, -2, -10: 0 - 1, 7 - 1, -2 * 2 / 4 - 1, -10 * 4 / 4 - 1.
  EXPECT_EQ(out, (std::vector<int8_t>{-1, 6, -2, -11}));
}

TEST(PreluKernel, PerChannelAlphaBroadcastAndInt16) {
  const tinyaot_rt::PreluParams p = {0, 0, 0, 1 << 30, 1, 1 << 30, -1};
  const std::vector<int8_t> x = {-8, -8, 8, -4};  // [2, 2]
  const std::vector<int8_t> alpha = {1, 4};       // [2]: 0.25, 1
  std::vector<int8_t> out(4);
  tinyaot_rt::prelu_broadcast(p, desc_of({2, 2}, {2}), x.data(), alpha.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-2, -8, 8, -4}));
  const std::vector<int16_t> x16 = {-32768, 32767, -400};
  const std::vector<int8_t> a16 = {8, 8, 8};  // 2
  std::vector<int16_t> out16(3);
  tinyaot_rt::prelu_elementwise(p, x16.data(), a16.data(), out16.data(), 3);
  EXPECT_EQ(out16, (std::vector<int16_t>{-32768, 32767, -800}));
}

}  // namespace
