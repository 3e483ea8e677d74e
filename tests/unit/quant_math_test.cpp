// tinyaot: unit tests of the compile-time quantization arithmetic (QuantizeMultiplier, activation ranges,
// conv windows, multipliers, bias folding) with hand-computed expected values.
#include <gtest/gtest.h>

#include <cmath>

#include "compiler/ops/conv_util.h"
#include "compiler/quant/quant_math.h"

namespace tinyaot {
namespace {

void expect_qm(double real, int32_t multiplier, int shift) {
  const QuantizedMultiplier q = quantize_multiplier(real);
  EXPECT_EQ(q.multiplier, multiplier) << "real=" << real;
  EXPECT_EQ(q.shift, shift) << "real=" << real;
}

TEST(QuantizeMultiplier, PowersOfTwo) {
  expect_qm(0.5, 1073741824, 0);   // frexp(0.5) = 0.5 * 2^0
  expect_qm(1.0, 1073741824, 1);   // 0.5 * 2^1
  expect_qm(0.25, 1073741824, -1);
  expect_qm(4.0, 1073741824, 3);
}

TEST(QuantizeMultiplier, RoundsToNearest) {
  expect_qm(0.75, 1610612736, 0);         // 0.75 * 2^31 exactly
  expect_qm(0.1, 1717986918, -3);         // 0.8 * 2^31 = 1717986918.4
  expect_qm(1.0 / 3.0, 1431655765, -1);   // 0.666.. * 2^31 = 1431655765.33
  expect_qm(0.5 + std::ldexp(1.0, -32), 1073741825, 0);  // 2^30 + 0.5: ties away from zero
}

TEST(QuantizeMultiplier, CornerCases) {
  expect_qm(0.0, 0, 0);
  // q * 2^31 rounds up to 2^31: halved, shift + 1.
  expect_qm(1.0 - std::ldexp(1.0, -40), 1073741824, 1);
  // Shift < -31 flushes to zero; -31 itself is kept.
  expect_qm(std::ldexp(1.0, -40), 0, 0);
  expect_qm(std::ldexp(1.0, -32), 1073741824, -31);
  expect_qm(-0.5, -1073741824, 0);
}

TEST(QuantizeMultiplier, Variants) {
  const QuantizedMultiplier s = quantize_multiplier_smaller_than_one(0.1);
  EXPECT_EQ(s.multiplier, 1717986918);
  EXPECT_EQ(s.shift, -3);
  const QuantizedMultiplier g = quantize_multiplier_greater_than_one(3.0);
  EXPECT_EQ(g.multiplier, 1610612736);  // 0.75 * 2^2
  EXPECT_EQ(g.shift, 2);
}

TEST(ActivationRange, Int8) {
  ActRange r = activation_range(Activation::kNone, 0.1f, -10, -128, 127);
  EXPECT_EQ(r.min, -128);
  EXPECT_EQ(r.max, 127);
  r = activation_range(Activation::kRelu, 0.1f, -10, -128, 127);
  EXPECT_EQ(r.min, -10);
  EXPECT_EQ(r.max, 127);
  r = activation_range(Activation::kRelu6, 0.05f, -128, -128, 127);  // 6 / 0.05 = 120
  EXPECT_EQ(r.min, -128);
  EXPECT_EQ(r.max, -8);
  r = activation_range(Activation::kRelu6, 0.02f, 0, -128, 127);  // 300 clamps to qmax
  EXPECT_EQ(r.min, 0);
  EXPECT_EQ(r.max, 127);
  r = activation_range(Activation::kReluN1To1, 0.01f, 3, -128, 127);  // +-100
  EXPECT_EQ(r.min, -97);
  EXPECT_EQ(r.max, 103);
  r = activation_range(Activation::kTanh, 0.01f, 3, -128, 127);  // TFLite: full range
  EXPECT_EQ(r.min, -128);
  EXPECT_EQ(r.max, 127);
}

TEST(ActivationRange, DividesInFloatLikeTflite) {
  // 1 / 0.4f is 2.49999996 in double (rounds to 2) but 2.5f in float (rounds to 3); TFLite uses float.
  const ActRange r = activation_range(Activation::kReluN1To1, 0.4f, 0, -128, 127);
  EXPECT_EQ(r.min, -3);
  EXPECT_EQ(r.max, 3);
}

TEST(ActivationRange, Int16) {
  const ActRange r = activation_range(Activation::kRelu6, 6.0f / 32767.0f, 0, -32768, 32767);
  EXPECT_EQ(r.min, 0);
  EXPECT_EQ(r.max, 32767);
}

TEST(ConvWindow, SameAndValidWithStrideAndDilation) {
  auto check = [](bool same, int in, int f, int s, int d, int out, int pad) {
    const Window1D w = conv_window(same, in, f, s, d);
    EXPECT_EQ(w.out, out) << in << " " << f << " " << s << " " << d;
    EXPECT_EQ(w.pad, pad) << in << " " << f << " " << s << " " << d;
  };
  check(true, 15, 3, 1, 1, 15, 1);
  check(true, 13, 3, 2, 1, 7, 1);   // total padding 2
  check(true, 12, 3, 2, 1, 6, 0);   // total padding 1: the extra pixel goes to the end
  check(true, 3, 2, 1, 1, 3, 0);    // even kernel
  check(false, 11, 3, 2, 1, 5, 0);
  check(true, 11, 3, 1, 2, 11, 2);  // effective filter 5
  check(false, 9, 3, 1, 2, 5, 0);
  check(false, 2, 3, 1, 1, 0, 0);   // window larger than the input: empty
}

TEST(ConvMultipliers, PerChannelUsesDoubleProducts) {
  const ChannelMultipliers m = conv_multipliers(0.5f, {0.25f, 0.5f}, 0.125f, 2);
  EXPECT_EQ(m.multiplier, (std::vector<int32_t>{1073741824, 1073741824}));  // 1.0 and 2.0
  EXPECT_EQ(m.shift, (std::vector<int32_t>{1, 2}));
  const ChannelMultipliers b = conv_multipliers(0.5f, {0.25f}, 0.125f, 3);  // per-tensor broadcast
  EXPECT_EQ(b.shift, (std::vector<int32_t>{1, 1, 1}));
}

TEST(ConvMultipliers, FcPerTensorTakesTheProductInFloat) {
  // float(0.0277f * 0.01702f) / 3.821f gives 1085305707; the double product would give 1085305704.
  const ChannelMultipliers m = fc_per_tensor_multipliers(0.0277f, 0.01702f, 3.821f, 2);
  EXPECT_EQ(m.multiplier, (std::vector<int32_t>{1085305707, 1085305707}));
  EXPECT_EQ(m.shift, (std::vector<int32_t>{-12, -12}));
  const ChannelMultipliers pc = conv_multipliers(0.0277f, {0.01702f}, 3.821f, 1);
  EXPECT_EQ(pc.multiplier, (std::vector<int32_t>{1085305704}));
}

TEST(FoldBias, SubtractsZeroPointTimesFilterSums) {
  Tensor w;
  w.type = DType::kInt8;
  w.shape = {2, 3};
  const int8_t wv[] = {1, 2, 3, -4, 5, -6};
  w.data.assign(reinterpret_cast<const uint8_t*>(wv), reinterpret_cast<const uint8_t*>(wv) + 6);
  EXPECT_EQ(filter_sums(w, 2, false), (std::vector<int64_t>{6, -5}));
  EXPECT_EQ(filter_sums(w, 3, true), (std::vector<int64_t>{-3, 7, -3}));
  Tensor b;
  b.type = DType::kInt32;
  b.shape = {2};
  const int32_t bv[] = {100, INT32_MIN};
  b.data.assign(reinterpret_cast<const uint8_t*>(bv), reinterpret_cast<const uint8_t*>(bv) + 8);
  // 100 - 10 * 6 = 40; INT32_MIN - 10 * -5 = INT32_MIN + 50.
  EXPECT_EQ(fold_bias(&b, {6, -5}, 10), (std::vector<int32_t>{40, INT32_MIN + 50}));
  // Wraps modulo 2^32 like TFLite's int32 accumulator: INT32_MIN - 1 * 5 -> INT32_MAX - 4.
  EXPECT_EQ(fold_bias(&b, {0, 5}, 1), (std::vector<int32_t>{100, INT32_MAX - 4}));
  EXPECT_EQ(fold_bias(nullptr, {6, -5}, -3), (std::vector<int32_t>{18, -15}));
}

}  // namespace
}  // namespace tinyaot
