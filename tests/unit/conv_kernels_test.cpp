// tinyaot: unit tests of the CONV_2D and DEPTHWISE_CONV_2D runtime kernels on tiny hand-computed cases
// (SAME/VALID, even kernels, stride 2, dilation, groups, depth multiplier, per-channel scales, folded zero
// points, activation clamping). Multiplier 2^30 with shift 1 is exactly x1.0, shift 0 is x0.5.
#include <gtest/gtest.h>

#include <vector>

#include "compiler/ops/conv_util.h"
#include "tinyaot_rt/conv2d.h"
#include "tinyaot_rt/depthwise_conv2d.h"

namespace tinyaot {
namespace {

constexpr int32_t kOne = 1073741824;  // with shift 1: x1.0; with shift 0: x0.5

std::vector<int8_t> iota8(int n, int start = 0) {
  std::vector<int8_t> v;
  for (int i = 0; i < n; ++i) v.push_back(static_cast<int8_t>(start + i));
  return v;
}

/// Folded bias the compiler would emit for an OHWI (or 1HWO with channel_last) filter.
std::vector<int32_t> folded(const std::vector<int8_t>& w, const std::vector<int32_t>& bias, int32_t channels,
                            bool channel_last, int32_t in_zp) {
  Tensor f, b;
  f.type = DType::kInt8;
  f.shape = {static_cast<int32_t>(w.size())};
  f.data.assign(reinterpret_cast<const uint8_t*>(w.data()), reinterpret_cast<const uint8_t*>(w.data()) + w.size());
  b.type = DType::kInt32;
  b.shape = {channels};
  b.data.assign(reinterpret_cast<const uint8_t*>(bias.data()),
                reinterpret_cast<const uint8_t*>(bias.data()) + bias.size() * 4);
  return fold_bias(&b, filter_sums(f, channels, channel_last), in_zp);
}

tinyaot_rt::Conv2DParams conv_params(int in_h, int in_w, int in_c, int f_h, int f_w, int f_c, int out_h, int out_w,
                                      int out_c, int stride, int dilation, int pad_h, int pad_w) {
  return {1, in_h, in_w, in_c, f_h, f_w, f_c, out_h, out_w, out_c, stride, stride, dilation, dilation,
          pad_h, pad_w, 0, 0, -128, 127};
}

TEST(Conv2DKernel, Same3x3NoZeroPoints) {
  const auto p = conv_params(3, 3, 1, 3, 3, 1, 3, 3, 1, 1, 1, 1, 1);
  const std::vector<int8_t> in = iota8(9, 1), w(9, 1);
  const int32_t m[] = {kOne}, s[] = {1};
  std::vector<int8_t> out(9);
  tinyaot_rt::conv2d_s8(p, in.data(), w.data(), nullptr, m, s, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{12, 21, 16, 27, 45, 33, 24, 39, 28}));
}

TEST(Conv2DKernel, FoldedInputZeroPointTreatsPaddingAsZeroPoint) {
  // TFLite: sum over inside taps of (x - 2), + out_zp -5. (0,0): (1+2+4+5) - 4*2 - 5 = -1.
  auto p = conv_params(3, 3, 1, 3, 3, 1, 3, 3, 1, 1, 1, 1, 1);
  p.input_zero_point = 2;
  p.output_zero_point = -5;
  const std::vector<int8_t> in = iota8(9, 1), w(9, 1);
  const std::vector<int32_t> bias = folded(w, {0}, 1, false, 2);
  const int32_t m[] = {kOne}, s[] = {1};
  std::vector<int8_t> out(9);
  tinyaot_rt::conv2d_s8(p, in.data(), w.data(), bias.data(), m, s, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{-1, 4, 3, 10, 22, 16, 11, 22, 15}));
}

TEST(Conv2DKernel, EvenKernelPadsBottomRight) {
  const Window1D win = conv_window(true, 3, 2, 1, 1);
  ASSERT_EQ(win.pad, 0);
  const auto p = conv_params(3, 3, 1, 2, 2, 1, 3, 3, 1, 1, 1, win.pad, win.pad);
  const std::vector<int8_t> in = iota8(9, 1), w(4, 1);
  const int32_t m[] = {kOne}, s[] = {1};
  std::vector<int8_t> out(9);
  tinyaot_rt::conv2d_s8(p, in.data(), w.data(), nullptr, m, s, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{12, 16, 9, 24, 28, 15, 15, 17, 9}));
}

TEST(Conv2DKernel, Stride2ValidPerChannel) {
  // Input 5x5 = 0..24. Channel 0: all-ones 3x3 (sum = 9 * centre), scaled x0.5; channel 1: centre tap, x1.
  const auto p = conv_params(5, 5, 1, 3, 3, 1, 2, 2, 2, 2, 1, 0, 0);
  const std::vector<int8_t> in = iota8(25);
  std::vector<int8_t> w(18, 0);
  for (int i = 0; i < 9; ++i) w[static_cast<std::size_t>(i)] = 1;
  w[9 + 4] = 1;
  const int32_t m[] = {kOne, kOne}, s[] = {0, 1};
  std::vector<int8_t> out(8);
  tinyaot_rt::conv2d_s8(p, in.data(), w.data(), nullptr, m, s, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{27, 6, 36, 8, 72, 16, 81, 18}));
}

TEST(Conv2DKernel, Dilation2ValidAndSame) {
  const std::vector<int8_t> in = iota8(25), w(9, 1);
  const int32_t m[] = {kOne}, s[] = {1};
  int8_t valid = 0;
  tinyaot_rt::conv2d_s8(conv_params(5, 5, 1, 3, 3, 1, 1, 1, 1, 1, 2, 0, 0), in.data(), w.data(), nullptr, m, s,
                        &valid);
  EXPECT_EQ(valid, 108);  // 0+2+4+10+12+14+20+22+24
  std::vector<int8_t> same(25);
  tinyaot_rt::conv2d_s8(conv_params(5, 5, 1, 3, 3, 1, 5, 5, 1, 1, 2, 2, 2), in.data(), w.data(), nullptr, m, s,
                        same.data());
  EXPECT_EQ(same[0], 24);  // (0,0)+(0,2)+(2,0)+(2,2)
  EXPECT_EQ(same[12], 108);
  EXPECT_EQ(same[4], 32);  // (0,2)+(0,4)+(2,2)+(2,4)
}

TEST(Conv2DKernel, MultiChannelBiasAndClamp) {
  // 1x1 conv over 2 input channels with weights {1, -1}, bias 10, output clamped to [0, 8].
  auto p = conv_params(1, 2, 2, 1, 1, 2, 1, 2, 1, 1, 1, 0, 0);
  p.act_min = 0;
  p.act_max = 8;
  const int8_t in[] = {1, 2, 30, 4};
  const int8_t w[] = {1, -1};
  const int32_t bias[] = {10}, m[] = {kOne}, s[] = {1};
  int8_t out[2];
  tinyaot_rt::conv2d_s8(p, in, w, bias, m, s, out);
  EXPECT_EQ(out[0], 8);  // 1 - 2 + 10 = 9 -> 8
  EXPECT_EQ(out[1], 8);  // 30 - 4 + 10 = 36 -> 8
  p.act_max = 127;
  tinyaot_rt::conv2d_s8(p, in, w, bias, m, s, out);
  EXPECT_EQ(out[0], 9);
  EXPECT_EQ(out[1], 36);
}

TEST(Conv2DKernel, Groups) {
  // Two groups of one channel: output 0 reads input channel 0 (x2), output 1 reads channel 1 (x3).
  const auto p = conv_params(1, 1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 0, 0);
  const int8_t in[] = {5, 7}, w[] = {2, 3};
  const int32_t m[] = {kOne, kOne}, s[] = {1, 1};
  int8_t out[2];
  tinyaot_rt::conv2d_s8(p, in, w, nullptr, m, s, out);
  EXPECT_EQ(out[0], 10);
  EXPECT_EQ(out[1], 21);
}

TEST(Conv2DKernel, Int16WithInt64Bias) {
  // 1x1 conv, one channel, weight 100: 300 * 100 + 5 = 30005; x1.0 through the 64-bit path.
  const auto base = conv_params(1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 1, 0, 0);
  tinyaot_rt::Conv2DParams p = base;
  p.act_min = -32768;
  p.act_max = 32767;
  const int16_t in[] = {300, -400};
  const int8_t w[] = {100};
  const int64_t bias[] = {5};
  const int32_t m[] = {kOne}, s[] = {1};
  int16_t out[2];
  tinyaot_rt::conv2d_s16(p, in, w, bias, m, s, out);
  EXPECT_EQ(out[0], 30005);
  EXPECT_EQ(out[1], -32768);  // -39995 clamps
}

tinyaot_rt::DepthwiseConv2DParams dw_params(int in_h, int in_w, int in_c, int f, int mult, int out_h, int out_w,
                                            int stride, int dilation, int pad) {
  return {1, in_h, in_w, in_c, f, f, mult, out_h, out_w, in_c * mult, stride, stride, dilation, dilation,
          pad, pad, 0, 0, -128, 127};
}

TEST(DepthwiseConv2DKernel, DepthMultiplier2MapsOutputToInputChannel) {
  // Input 2x2x2: channel 0 = 1..4, channel 1 = 10..40. Filter taps per output channel: 1, 2, 1, -1.
  // SAME 3x3 covers the whole input from every pixel: ch0 sum 10, ch1 sum 100.
  const auto p = dw_params(2, 2, 2, 3, 2, 2, 2, 1, 1, 1);
  const int8_t in[] = {1, 10, 2, 20, 3, 30, 4, 40};
  std::vector<int8_t> w;
  for (int t = 0; t < 9; ++t) w.insert(w.end(), {1, 2, 1, -1});
  const int32_t m[] = {kOne, kOne, kOne, kOne}, s[] = {1, 1, 1, 1};
  std::vector<int8_t> out(16);
  tinyaot_rt::depthwise_conv2d_s8(p, in, w.data(), nullptr, m, s, out.data());
  for (int px = 0; px < 4; ++px) {
    const std::vector<int8_t> got(out.begin() + px * 4, out.begin() + px * 4 + 4);
    EXPECT_EQ(got, (std::vector<int8_t>{10, 20, 100, -100})) << "pixel " << px;
  }
}

TEST(DepthwiseConv2DKernel, FoldedZeroPoint) {
  // Same as above with in_zp 1: TFLite sums (x - 1) over the 4 inside taps: ch0 6, ch1 96.
  auto p = dw_params(2, 2, 2, 3, 2, 2, 2, 1, 1, 1);
  p.input_zero_point = 1;
  const int8_t in[] = {1, 10, 2, 20, 3, 30, 4, 40};
  std::vector<int8_t> w;
  for (int t = 0; t < 9; ++t) w.insert(w.end(), {1, 2, 1, -1});
  const std::vector<int32_t> bias = folded(w, {0, 0, 0, 0}, 4, true, 1);
  EXPECT_EQ(bias, (std::vector<int32_t>{-9, -18, -9, 9}));
  const int32_t m[] = {kOne, kOne, kOne, kOne}, s[] = {1, 1, 1, 1};
  std::vector<int8_t> out(16);
  tinyaot_rt::depthwise_conv2d_s8(p, in, w.data(), bias.data(), m, s, out.data());
  EXPECT_EQ(std::vector<int8_t>(out.begin(), out.begin() + 4), (std::vector<int8_t>{6, 12, 96, -96}));
  EXPECT_EQ(std::vector<int8_t>(out.begin() + 12, out.end()), (std::vector<int8_t>{6, 12, 96, -96}));
}

TEST(DepthwiseConv2DKernel, Stride2AndDilation) {
  const std::vector<int8_t> in = iota8(25), w(9, 1);
  const int32_t m[] = {kOne}, s[] = {0};  // x0.5
  std::vector<int8_t> out(4);
  tinyaot_rt::depthwise_conv2d_s8(dw_params(5, 5, 1, 3, 1, 2, 2, 2, 1, 0), in.data(), w.data(), nullptr, m, s,
                                  out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{27, 36, 72, 81}));
  const int32_t s1[] = {1};
  int8_t dil = 0;
  tinyaot_rt::depthwise_conv2d_s8(dw_params(5, 5, 1, 3, 1, 1, 1, 1, 2, 0), in.data(), w.data(), nullptr, m, s1,
                                  &dil);
  EXPECT_EQ(dil, 108);
}

TEST(DepthwiseConv2DKernel, Int16) {
  auto p = dw_params(1, 1, 2, 1, 1, 1, 1, 1, 1, 0);
  p.act_min = -32768;
  p.act_max = 32767;
  const int16_t in[] = {1000, -1000};
  const int8_t w[] = {3, 7};
  const int64_t bias[] = {1, 2};
  const int32_t m[] = {kOne, kOne}, s[] = {1, 0};
  int16_t out[2];
  tinyaot_rt::depthwise_conv2d_s16(p, in, w, bias, m, s, out);
  EXPECT_EQ(out[0], 3001);
  EXPECT_EQ(out[1], -3499);  // -6998 * 0.5 exactly
}

}  // namespace
}  // namespace tinyaot
