// tinyaot: unit tests of the FULLY_CONNECTED runtime kernel (batches, folded zero point, per-channel
// scales, clamping, int16x8) and of TFLite's 64-bit MultiplyByQuantizedMultiplier, hand-computed.
#include <gtest/gtest.h>

#include <vector>

#include "compiler/ops/conv_util.h"
#include "tinyaot_rt/fully_connected.h"

namespace tinyaot {
namespace {

constexpr int32_t kOne = 1073741824;  // with shift 1: x1.0; shift 0: x0.5; shift 2: x2.0

const int8_t kW[] = {1, 1, 1, 1,   // output 0
                     1, -1, 2, 0};  // output 1

TEST(FullyConnectedKernel, ThreeBatchesWithBias) {
  const tinyaot_rt::FullyConnectedParams p = {3, 4, 2, 3, -128, 127};
  const int8_t in[] = {1, 2, 3, 4, 0, 0, 0, 0, -1, -2, -3, -4};
  const int32_t bias[] = {5, -5}, m[] = {kOne, kOne}, s[] = {1, 1};
  int8_t out[6];
  tinyaot_rt::fully_connected_s8(p, in, kW, bias, m, s, out);
  // Row 0: 10 + 5, 5 - 5; row 1: 5, -5; row 2: -10 + 5, -5 - 5; all + 3.
  EXPECT_EQ(std::vector<int8_t>(out, out + 6), (std::vector<int8_t>{18, 3, 8, -2, -2, -7}));
}

TEST(FullyConnectedKernel, FoldedInputZeroPointIsExact) {
  // in_zp 1: TFLite computes sum((x - 1) * w) + b. Row (1,2,3,4): 6 + 5 = 11 and 3 - 5 = -2.
  Tensor w, b;
  w.type = DType::kInt8;
  w.shape = {2, 4};
  w.data.assign(reinterpret_cast<const uint8_t*>(kW), reinterpret_cast<const uint8_t*>(kW) + 8);
  b.type = DType::kInt32;
  b.shape = {2};
  const int32_t bv[] = {5, -5};
  b.data.assign(reinterpret_cast<const uint8_t*>(bv), reinterpret_cast<const uint8_t*>(bv) + 8);
  const std::vector<int32_t> bias = fold_bias(&b, filter_sums(w, 2, false), 1);
  EXPECT_EQ(bias, (std::vector<int32_t>{1, -7}));
  const tinyaot_rt::FullyConnectedParams p = {1, 4, 2, 0, -128, 127};
  const int8_t in[] = {1, 2, 3, 4};
  const int32_t m[] = {kOne, kOne}, s[] = {1, 1};
  int8_t out[2];
  tinyaot_rt::fully_connected_s8(p, in, kW, bias.data(), m, s, out);
  EXPECT_EQ(out[0], 11);
  EXPECT_EQ(out[1], -2);
}

TEST(FullyConnectedKernel, PerChannelScalesAndClamp) {
  // Raw sums 10 and 5 (row 1,2,3,4); output 0 scaled x0.5, output 1 x2.0; then clamped to [-128, 8].
  const tinyaot_rt::FullyConnectedParams p = {1, 4, 2, 0, -128, 8};
  const int8_t in[] = {1, 2, 3, 4};
  const int32_t m[] = {kOne, kOne}, s[] = {0, 2};
  int8_t out[2];
  tinyaot_rt::fully_connected_s8(p, in, kW, nullptr, m, s, out);
  EXPECT_EQ(out[0], 5);
  EXPECT_EQ(out[1], 8);  // 10 -> 8
}

TEST(FullyConnectedKernel, Int16WithInt64Bias) {
  const tinyaot_rt::FullyConnectedParams p = {2, 4, 2, 0, -32768, 32767};
  const int16_t in[] = {1000, 2000, 3000, 4000, -1, -1, -1, -1};
  const int64_t bias[] = {7, -7};
  const int32_t m[] = {kOne, kOne}, s[] = {1, 1};
  int16_t out[4];
  tinyaot_rt::fully_connected_s16(p, in, kW, bias, m, s, out);
  EXPECT_EQ(std::vector<int16_t>(out, out + 4), (std::vector<int16_t>{10007, 4993, 3, -9}));
}

TEST(MultiplyByQuantizedMultiplier64, MatchesTfliteReducedMultiplier) {
  using tinyaot_rt::multiply_by_quantized_multiplier_64;
  // 0.75: reduced multiplier 24576 (Q15), rounding by adding 2^14 before >> 15 (half up).
  EXPECT_EQ(multiply_by_quantized_multiplier_64(1000, 1610612736, 0), 750);
  EXPECT_EQ(multiply_by_quantized_multiplier_64(1001, 1610612736, 0), 751);    // 750.75
  EXPECT_EQ(multiply_by_quantized_multiplier_64(-1001, 1610612736, 0), -751);  // -750.75
  EXPECT_EQ(multiply_by_quantized_multiplier_64(1, kOne, 0), 1);    // 0.5 rounds up
  EXPECT_EQ(multiply_by_quantized_multiplier_64(-1, kOne, 0), 0);   // -0.5 rounds up too
  // Only 16 bits of the multiplier count: 2^30 + 40000 reduces to 16385, so 2^20 -> 524320 (the full
  // multiplier would give 524308).
  EXPECT_EQ(multiply_by_quantized_multiplier_64(int64_t{1} << 20, kOne + 40000, 0), 524320);
  // Multipliers >= 0x7FFF0000 saturate the reduced value at 0x7FFF.
  EXPECT_EQ(multiply_by_quantized_multiplier_64(1 << 15, 0x7FFFFFFF, 0), 32767);
  // Positive shift.
  EXPECT_EQ(multiply_by_quantized_multiplier_64(3, kOne, 3), 12);
}

}  // namespace
}  // namespace tinyaot
