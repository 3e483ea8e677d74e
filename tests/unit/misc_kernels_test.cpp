// tinyaot: unit tests of MEAN, PAD, TRANSPOSE, QUANTIZE and the RESHAPE copy kernels, and of the
// fixed-point exp / reciprocal primitives, with hand-computed expected values.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "tinyaot_rt/copy.h"
#include "tinyaot_rt/fixedpoint_exp.h"
#include "tinyaot_rt/mean.h"
#include "tinyaot_rt/pad.h"
#include "tinyaot_rt/quantize.h"
#include "tinyaot_rt/transpose.h"

namespace {

// ---- MEAN. Equal scales: QuantizeMultiplier(1.0) = (2^30, 1); with 1/4 folded in (2 extra bits):
// (2^30 << 2) / 4 = 2^30, shift 1 - 2 = -1. out = round(round(sum / 2) / 2) (gemmlowp double rounding).
TEST(MeanKernel, HeightWidthOfNhwc) {
  // [1, 2, 2, 2] -> mean over H, W: channel 0 sums 1+2+3+4 = 10, channel 1 sums -10.
  const tinyaot_rt::MeanParams p = {{1, 1, 1, 2}, {0, 0, 0, 1}, {1, 1, 1, 4}, {0, 0, 0, 2},
                                    /*zero_point_sum=*/0, 1 << 30, -1, /*output_zero_point=*/0, -128, 127};
  const std::vector<int8_t> in = {1, -1, 2, -2, 3, -3, 4, -4};
  std::vector<int8_t> out(2);
  tinyaot_rt::mean(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{3, -3}));  // 2.5 -> 3, -2.5 -> -3
}

TEST(MeanKernel, ZeroPointsAndLastAxis) {
  // [1, 1, 2, 3] mean over channels (count 3). Input zero point 2 (zero_point_sum 6), output zero point -1.
  // Multiplier for 1/3 with equal scales: (2^30 << 1) / 3 = 715827882, shift 1 - 1 = 0.
  const tinyaot_rt::MeanParams p = {{1, 1, 1, 2}, {0, 0, 0, 3}, {1, 1, 1, 3}, {0, 0, 0, 1},
                                    /*zero_point_sum=*/6, 715827882, 0, /*output_zero_point=*/-1, -128, 127};
  const std::vector<int8_t> in = {5, 6, 7, 2, 2, 3};
  std::vector<int8_t> out(2);
  tinyaot_rt::mean(p, in.data(), out.data());
  // (18 - 6) / 3 = 4 -> 3; (7 - 6) / 3 = 0.33 -> 0 -> -1.
  EXPECT_EQ(out, (std::vector<int8_t>{3, -1}));
}

TEST(MeanKernel, ClampsToType) {
  const tinyaot_rt::MeanParams p = {{1, 1, 1, 1}, {0, 0, 0, 0}, {1, 1, 1, 2}, {0, 0, 0, 1},
                                    0, 1 << 30, 1, /*output_zero_point=*/100, -128, 127};  // multiplier 1.0
  const std::vector<int8_t> in = {60, 40};
  std::vector<int8_t> out(1);
  tinyaot_rt::mean(p, in.data(), out.data());
  EXPECT_EQ(out[0], 127);  // 100 + 100 saturates
}

// ---- PAD.
TEST(PadKernel, PadsBeforeAndAfterWithValue) {
  // [2, 2] padded by (1, 0) rows and (0, 2) columns -> [3, 4].
  const tinyaot_rt::PadParams p = {{1, 1, 1, 1, 2, 2}, {1, 1, 1, 1, 3, 4}, {0, 0, 0, 0, 1, 0}};
  const std::vector<int8_t> in = {1, 2, 3, 4};
  std::vector<int8_t> out(12);
  tinyaot_rt::pad(p, in.data(), out.data(), int8_t{-7});
  EXPECT_EQ(out, (std::vector<int8_t>{-7, -7, -7, -7, 1, 2, -7, -7, 3, 4, -7, -7}));
}

TEST(PadKernel, OuterDimensionPaddingInt16) {
  // [1, 2, 1, 1] padded by 1 on both sides of H and 1 before W -> [1, 4, 2, 1].
  const tinyaot_rt::PadParams p = {{1, 1, 1, 2, 1, 1}, {1, 1, 1, 4, 2, 1}, {0, 0, 0, 1, 1, 0}};
  const std::vector<int16_t> in = {300, -300};
  std::vector<int16_t> out(8);
  tinyaot_rt::pad(p, in.data(), out.data(), int16_t{0});
  EXPECT_EQ(out, (std::vector<int16_t>{0, 0, 0, 300, 0, -300, 0, 0}));
}

// ---- TRANSPOSE.
TEST(TransposeKernel, TwoDimensions) {
  // [2, 3] -> [3, 2]: output dimension 0 walks input columns (stride 1), dimension 1 rows (stride 3).
  const tinyaot_rt::TransposeParams p = {{1, 1, 1, 1, 3, 2}, {0, 0, 0, 0, 1, 3}};
  const std::vector<int8_t> in = {1, 2, 3, 4, 5, 6};
  std::vector<int8_t> out(6);
  tinyaot_rt::transpose(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{1, 4, 2, 5, 3, 6}));
}

TEST(TransposeKernel, NhwcToNchwInt32) {
  // [1, 2, 2, 2] with perm (0, 3, 1, 2): output [1, 2, 2, 2], H and W merged into one run of 4 (stride 2).
  const tinyaot_rt::TransposeParams p = {{1, 1, 1, 1, 2, 4}, {0, 0, 0, 0, 1, 2}};
  const std::vector<int32_t> in = {0, 100, 1, 101, 2, 102, 3, 103};
  std::vector<int32_t> out(8);
  tinyaot_rt::transpose(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int32_t>{0, 1, 2, 3, 100, 101, 102, 103}));
}

// ---- QUANTIZE (requantize).
TEST(RequantizeKernel, Int8ToInt8DoublesAndClamps) {
  // in scale 0.5, out scale 0.25: QuantizeMultiplier(2.0) = (2^30, 2), exact doubling.
  const tinyaot_rt::RequantizeParams p = {5, /*input_zero_point=*/1, /*output_zero_point=*/-3, 1 << 30, 2};
  const std::vector<int8_t> in = {1, 2, -10, 100, -128};
  std::vector<int8_t> out(5);
  tinyaot_rt::requantize(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-3, -1, -25, 127, -128}));
}

TEST(RequantizeKernel, Int16ToInt8Halves) {
  // Ratio 0.5: (2^30, 0); the doubling high multiply rounds 1.5 -> 2 and -1.5 -> -1.
  const tinyaot_rt::RequantizeParams p = {4, 0, 0, 1 << 30, 0};
  const std::vector<int16_t> in = {3, -3, 1000, -1000};
  std::vector<int8_t> out(4);
  tinyaot_rt::requantize(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{2, -1, 127, -128}));
}

TEST(RequantizeKernel, Int8ToInt16AndUint8) {
  const tinyaot_rt::RequantizeParams widen = {2, 0, 0, 1 << 30, 9};  // x 256
  const std::vector<int8_t> in = {-128, 127};
  std::vector<int16_t> out16(2);
  tinyaot_rt::requantize(widen, in.data(), out16.data());
  EXPECT_EQ(out16, (std::vector<int16_t>{-32768, 32512}));
  // Same scale, zero point -128 -> 0: the int8 -> uint8 shift by 128.
  const tinyaot_rt::RequantizeParams shift = {2, -128, 0, 1 << 30, 1};
  std::vector<uint8_t> outu(2);
  tinyaot_rt::requantize(shift, in.data(), outu.data());
  EXPECT_EQ(outu, (std::vector<uint8_t>{0, 255}));
}

TEST(QuantizeFloatKernel, RoundsHalfAwayFromZeroAndSaturates) {
  // scale 0.5, zero point -3: q = round(x / 0.5) - 3.
  const tinyaot_rt::AffineQuantizeParams p = {7, 0.5f, -3};
  const std::vector<float> in = {0.25f, -0.25f, 1.2f, 100.0f, 1e10f, -1e10f, std::nanf("")};
  std::vector<int8_t> out(7);
  tinyaot_rt::quantize_float(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-2, -4, -1, 127, 127, -128, -128}));
  // int16 output.
  const tinyaot_rt::AffineQuantizeParams p16 = {2, 0.001f, 0};
  const std::vector<float> in16 = {1.0f, -40.0f};
  std::vector<int16_t> out16(2);
  tinyaot_rt::quantize_float(p16, in16.data(), out16.data());
  EXPECT_EQ(out16, (std::vector<int16_t>{1000, -32768}));
}

// ---- RESHAPE copy.
TEST(CopyKernel, CopiesBytes) {
  const std::vector<uint8_t> a = {1, 2, 3, 4, 5};
  std::vector<uint8_t> b(5);
  tinyaot_rt::copy_bytes(a.data(), b.data(), 5);
  EXPECT_EQ(a, b);
  tinyaot_rt::copy_bytes(b.data(), b.data(), 5);  // same place: no-op
  EXPECT_EQ(a, b);
}

// ---- Fixed-point exp and reciprocal against their known values.
TEST(FixedPointExp, KnownValues) {
  namespace fxp = tinyaot_rt::fxp;
  EXPECT_EQ(fxp::exp_on_negative_values(0, 5), INT32_MAX);  // exp(0) = "1"
  // exp(-1) and exp(-2) in Q0.31 within a few LSB of 0.3679 * 2^31 and 0.1353 * 2^31.
  const int32_t minus_one = -(1 << 26);  // -1 in Q5.26
  EXPECT_NEAR(fxp::exp_on_negative_values(minus_one, 5), std::exp(-1.0) * 2147483648.0, 1e3);
  EXPECT_NEAR(fxp::exp_on_negative_values(2 * minus_one, 5), std::exp(-2.0) * 2147483648.0, 1e3);
  EXPECT_NEAR(fxp::exp_on_negative_values(-(3 << 24), 5), std::exp(-0.75) * 2147483648.0, 1e3);
  // 1 / (1 + 0.5) = 2/3.
  EXPECT_NEAR(fxp::one_over_one_plus_x_for_x_in_0_1(1 << 30), 2.0 / 3.0 * 2147483648.0, 1e3);
  int bits = 0;
  // 1 / 3.0 given in Q12.19 (3 << 19): 11 leading zeros -> 1 bit over unit; 3 / 2 -> 1 / 1.5 = 2/3.
  const int32_t r = fxp::reciprocal(3 << 19, 12, &bits);
  EXPECT_EQ(bits, 1);
  EXPECT_NEAR(r, 2.0 / 3.0 * 2147483648.0, 1e3);
}

}  // namespace
