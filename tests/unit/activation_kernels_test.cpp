// tinyaot: unit tests of the unary kernels RELU / RELU6 / RELU_N1_TO_1, LEAKY_RELU, LOGISTIC, TANH,
// HARD_SWISH, L2_NORMALIZATION and DEQUANTIZE (runtime_min/tinyaot_rt/). Requantizing kernels use
// power-of-two multipliers so results are exact; the transcendental ones are checked against values of
// the real function that are far from a rounding boundary (0.15 LSB or more), and HARD_SWISH against a
// step-by-step hand evaluation of its 16-bit fixed-point arithmetic.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "compiler/ops/sigmoid_util.h"

#include "tinyaot_rt/activations.h"
#include "tinyaot_rt/dequantize.h"
#include "tinyaot_rt/hard_swish.h"
#include "tinyaot_rt/l2_normalization.h"
#include "tinyaot_rt/leaky_relu.h"
#include "tinyaot_rt/logistic.h"
#include "tinyaot_rt/tanh.h"

namespace {

TEST(ReluKernel, RequantizesAndClampsAtOutputZero) {
  // in scale 0.5, out scale 0.25: multiplier 2 = (2^30, 2); in zp 1, out zp -3, range [-3, 127].
  const tinyaot_rt::ReluParams p = {5, 1, -3, 1 << 30, 2, -3, 127};
  const std::vector<int8_t> in = {1, 0, 5, 100, -128};
  std::vector<int8_t> out(5);
  tinyaot_rt::relu_requantize(p, in.data(), out.data());
  // 2 * (x - 1) - 3 = -3, -5, 5, 195, -261, clamped.
  EXPECT_EQ(out, (std::vector<int8_t>{-3, -3, 5, 127, -3}));
}

TEST(ReluKernel, ReluN1To1RangeAndInt16) {
  // Same scales (multiplier 1 = (2^30, 1)), output scale 0.25: [-1, 1] is [-4, 4].
  const tinyaot_rt::ReluParams p = {4, 0, 0, 1 << 30, 1, -4, 4};
  const std::vector<int8_t> in = {-100, -3, 3, 100};
  std::vector<int8_t> out(4);
  tinyaot_rt::relu_requantize(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-4, -3, 3, 4}));
  const tinyaot_rt::ReluParams p16 = {3, 0, 0, 1 << 30, 1, 0, 32767};
  const std::vector<int16_t> in16 = {-30000, 7, 32767};
  std::vector<int16_t> out16(3);
  tinyaot_rt::relu_requantize(p16, in16.data(), out16.data());
  EXPECT_EQ(out16, (std::vector<int16_t>{0, 7, 32767}));
}

TEST(Relu6Kernel, ClampsStoredValues) {
  const tinyaot_rt::Relu6Params p = {6, 2, 50};
  const std::vector<int8_t> in = {-5, 2, 30, 50, 51, 127};
  std::vector<int8_t> out(6);
  tinyaot_rt::relu6_clamp(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{2, 2, 30, 50, 50, 50}));
}

TEST(LeakyReluKernel, IdentityAndAlphaBranches) {
  // Identity multiplier 1 = (2^30, 1); alpha 0.5 = (2^30, 0): x / 2 with ties rounded up.
  const tinyaot_rt::LeakyReluParams p = {6, 0, 0, 1 << 30, 1, 1 << 30, 0};
  const std::vector<int8_t> in = {-128, -3, -1, 0, 5, 127};
  std::vector<int8_t> out(6);
  tinyaot_rt::leaky_relu(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-64, -1, 0, 0, 5, 127}));
  // Negative alpha -0.5 = (-2^30, 0), zero points 10 (in) and -20 (out).
  const tinyaot_rt::LeakyReluParams q = {3, 10, -20, 1 << 30, 1, -(1 << 30), 0};
  const std::vector<int8_t> in2 = {6, 10, 30};
  tinyaot_rt::leaky_relu(q, in2.data(), out.data());
  EXPECT_EQ((std::vector<int8_t>(out.begin(), out.begin() + 3)), (std::vector<int8_t>{-18, -20, 0}));
}

/// Input scale 1/16: input_scale * 2^27 = 2^23 -> multiplier 2^30, left shift 24; radius 15 * 2^27 / 2^24.
constexpr tinyaot_rt::SigmoidParams kSixteenths = {0, 0, 120, 1 << 30, 24};

TEST(LogisticKernel, MatchesTheRealFunction) {
  tinyaot_rt::SigmoidParams p = kSixteenths;
  const std::vector<int8_t> in = {0, 16, -16, 64, 119, 120, -119, -120};
  p.size = static_cast<int32_t>(in.size());
  std::vector<int8_t> out(in.size());
  tinyaot_rt::logistic_s8(p, in.data(), out.data());
  // 256 * logistic(x / 16) - 128: 0.5 -> 0; 187.15 -> 59; 68.85 -> -59; 251.40 -> 123; 255.85 -> 127;
  // saturated at the radius; 0.15 -> -128.
  EXPECT_EQ(out, (std::vector<int8_t>{0, 59, -59, 123, 127, 127, -128, -128}));
}

TEST(LogisticKernel, InputZeroPoint) {
  tinyaot_rt::SigmoidParams p = kSixteenths;
  p.size = 2;
  p.input_zero_point = -16;
  const std::vector<int8_t> in = {-16, 0};
  std::vector<int8_t> out(2);
  tinyaot_rt::logistic_s8(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 59}));
}

TEST(TanhKernel, MatchesTheRealFunction) {
  tinyaot_rt::SigmoidParams p = kSixteenths;
  const std::vector<int8_t> in = {0, 16, -16, 8, 64, -64, 127};
  p.size = static_cast<int32_t>(in.size());
  std::vector<int8_t> out(in.size());
  tinyaot_rt::tanh_s8(p, in.data(), out.data());
  // 128 * tanh(x / 16): 0; 97.48; -97.48; 59.15; 127.91 -> 127 (clamped); -127.91 -> -128; saturated.
  EXPECT_EQ(out, (std::vector<int8_t>{0, 97, -97, 59, 127, -128, 127}));
}

TEST(SigmoidKernels, WithinOneStepOfTheRealFunctionForAnyScale) {
  // Every int8 input, input scales from tiny (multiplier shifts left a lot) to large (radius below 128):
  // the fixed-point results stay within one output step of the real functions.
  for (float scale : {0.002f, 0.01f, 0.05f, 0.1f, 0.3f, 1.0f, 3.0f}) {
    for (int32_t zp : {-20, 0, 50}) {
      const tinyaot::SigmoidScaling s = tinyaot::sigmoid_scaling(scale);
      ASSERT_TRUE(s.valid);
      const tinyaot_rt::SigmoidParams p = {256, zp, s.radius, s.multiplier, s.left_shift};
      std::vector<int8_t> in(256), lo(256), th(256);
      for (int i = 0; i < 256; ++i) in[static_cast<std::size_t>(i)] = static_cast<int8_t>(i - 128);
      tinyaot_rt::logistic_s8(p, in.data(), lo.data());
      tinyaot_rt::tanh_s8(p, in.data(), th.data());
      for (std::size_t i = 0; i < 256; ++i) {
        const double x = scale * (in[i] - zp);
        const double want_lo = std::min(127.0, std::round(256.0 / (1.0 + std::exp(-x))) - 128.0);
        const double want_th = std::max(-128.0, std::min(127.0, std::round(128.0 * std::tanh(x))));
        EXPECT_LE(std::abs(lo[i] - want_lo), 1.0) << "logistic scale " << scale << " zp " << zp << " x " << x;
        EXPECT_LE(std::abs(th[i] - want_th), 1.0) << "tanh scale " << scale << " zp " << zp << " x " << x;
      }
    }
  }
}

TEST(HardSwishKernel, HandEvaluatedFixedPoint) {
  // Input and output scale 1/16, zero points 0. hires scale 2^-11: output multiplier 2^-7 -> Q31 (2^30, -6)
  // -> Q15 16384, exponent -6; reluish 2^-11 / (3 / 32768) = 16/3 -> Q31 1431655765, exponent 3 -> Q15 21845.
  const tinyaot_rt::HardSwishParams p = {5, 0, 0, 21845, 3, 16384, -6};
  const std::vector<int8_t> in = {16, -16, 64, -64, 0};
  std::vector<int8_t> out(5);
  tinyaot_rt::hard_swish_s8(p, in.data(), out.data());
  // x = 1: preshift 1024, reluish 21845, product 682, >> 6 -> 11 (real 10.67).
  // x = -1: preshift -1024, reluish 10923, product -341, >> 6 -> -5 (real -5.33).
  // x = 4: reluish saturates at 32767, product 4095 -> 64; x = -4: reluish 0 -> 0.
  EXPECT_EQ(out, (std::vector<int8_t>{11, -5, 64, 0, 0}));
}

TEST(L2NormalizationKernel, RowsScaledToUnitLength) {
  const tinyaot_rt::L2NormParams p = {3, 2, 0};
  const std::vector<int8_t> in = {3, 4, 0, 0, -6, 8};
  std::vector<int8_t> out(6);
  tinyaot_rt::l2_normalization_s8(p, in.data(), out.data());
  // 128 * (0.6, 0.8) = 76.8, 102.4; a zero row stays 0.
  EXPECT_EQ(out, (std::vector<int8_t>{77, 102, 0, 0, -77, 102}));
}

TEST(L2NormalizationKernel, ZeroPointAndSaturation) {
  const tinyaot_rt::L2NormParams p = {1, 3, 10};
  const std::vector<int8_t> in = {10, 15, 10};  // (0, 5, 0): 128 * 1 saturates to 127
  std::vector<int8_t> out(3);
  tinyaot_rt::l2_normalization_s8(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 127, 0}));
}

TEST(DequantizeKernel, ScaleTimesOffsetValue) {
  const tinyaot_rt::DequantizeParams p = {4, 3, 0.5f};
  const std::vector<int8_t> in = {3, 4, -128, 127};
  std::vector<float> out(4);
  tinyaot_rt::dequantize(p, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<float>{0.0f, 0.5f, -65.5f, 62.0f}));
  const tinyaot_rt::DequantizeParams p16 = {2, 0, 0.25f};
  const std::vector<int16_t> in16 = {-32768, 32767};
  tinyaot_rt::dequantize(p16, in16.data(), out.data());
  EXPECT_EQ(out[0], -8192.0f);
  EXPECT_EQ(out[1], 8191.75f);
}

}  // namespace
