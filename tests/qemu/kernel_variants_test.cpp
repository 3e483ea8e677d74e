// tinyaot runtime: the DSP and Helium kernel variants against the reference kernels on random layers.
// On the host the variants run their portable code (same data movement, plain arithmetic); under QEMU
// the golden tests (tests/qemu) run the real instructions. Built with the runtime's strict warnings.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "kernel_selftest/random_layers.h"
#include "tinyaot_rt/conv2d_dsp.h"
#include "tinyaot_rt/conv2d_mve.h"
#include "tinyaot_rt/conv_inplace_dsp.h"
#include "tinyaot_rt/conv_inplace_mve.h"
#include "tinyaot_rt/depthwise_conv2d_dsp.h"
#include "tinyaot_rt/depthwise_conv2d_mve.h"
#include "tinyaot_rt/fully_connected_dsp.h"
#include "tinyaot_rt/fully_connected_mve.h"
#include "tinyaot_rt/requant_fast.h"

namespace {

using kernel_selftest::set_output_size;

struct Rng {
  std::mt19937 gen{12345};
  int32_t in(int32_t lo, int32_t hi) { return std::uniform_int_distribution<int32_t>(lo, hi)(gen); }
  std::vector<int8_t> bytes(std::size_t n) {
    std::vector<int8_t> v(n);
    for (auto& b : v) b = static_cast<int8_t>(in(-128, 127));
    return v;
  }
};

struct Quant {
  std::vector<int32_t> bias, mult, shift;
  Quant(Rng& r, int32_t n) {
    for (int32_t i = 0; i < n; ++i) {
      bias.push_back(r.in(-40000, 40000));
      mult.push_back(r.in(1 << 30, INT32_MAX));
      shift.push_back(r.in(-12, 1));
    }
  }
};

TEST(KernelVariants, RequantFastMatchesReference) {
  Rng r;
  for (int i = 0; i < 200000; ++i) {
    const int32_t acc = i % 7 == 0 ? r.in(INT32_MIN, INT32_MAX) : r.in(-1 << 20, 1 << 20);
    const int32_t m = r.in(1 << 30, INT32_MAX), s = r.in(-31, 7);
    ASSERT_EQ(tinyaot_rt::requantize_fast(acc, m, s, 3, -128, 127), tinyaot_rt::requantize(acc, m, s, 3, -128, 127))
        << acc << " " << m << " " << s;
  }
}

TEST(KernelVariants, FullyConnected) {
  Rng r;
  for (int t = 0; t < 60; ++t) {
    const tinyaot_rt::FullyConnectedParams p{r.in(1, 3), r.in(1, 70), r.in(1, 19), r.in(-128, 127), -128, 127};
    const auto x = r.bytes(static_cast<std::size_t>(p.batches * p.accum_depth));
    const auto w = r.bytes(static_cast<std::size_t>(p.output_depth * p.accum_depth));
    const Quant q(r, p.output_depth);
    const std::size_t n = static_cast<std::size_t>(p.batches * p.output_depth);
    std::vector<int8_t> ref(n), dsp(n), mve(n);
    tinyaot_rt::fully_connected_s8(p, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(), ref.data());
    tinyaot_rt::fully_connected_s8_dsp(p, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(), dsp.data());
    tinyaot_rt::fully_connected_s8_mve(p, x.data(), w.data(), nullptr, q.mult.data(), q.shift.data(), mve.data());
    EXPECT_EQ(ref, dsp) << "case " << t;
    tinyaot_rt::fully_connected_s8(p, x.data(), w.data(), nullptr, q.mult.data(), q.shift.data(), ref.data());
    EXPECT_EQ(ref, mve) << "case " << t;
  }
}

TEST(KernelVariants, Conv2D) {
  Rng r;
  for (int t = 0; t < 80; ++t) {
    tinyaot_rt::Conv2DParams p{};
    p.batches = r.in(1, 2);
    p.input_h = r.in(1, 9), p.input_w = r.in(1, 9), p.input_c = r.in(1, 13);
    p.filter_h = r.in(1, 4), p.filter_w = r.in(1, 4), p.filter_c = p.input_c;
    if (t % 5 == 0) p.filter_h = p.filter_w = 1;
    if (t % 7 == 0) p.filter_c = 1;  // grouped: reference path
    p.output_c = r.in(1, 11) * (p.input_c / p.filter_c);
    p.stride_h = r.in(1, 2), p.stride_w = r.in(1, 2);
    p.dilation_h = r.in(1, 2), p.dilation_w = t % 4 == 0 ? 2 : 1;
    p.pad_h = t % 5 == 0 ? 0 : r.in(0, p.filter_h - 1), p.pad_w = t % 5 == 0 ? 0 : r.in(0, p.filter_w - 1);
    if (!set_output_size(p)) continue;
    p.input_zero_point = r.in(-128, 127), p.output_zero_point = r.in(-128, 127);
    p.act_min = -128, p.act_max = 127;
    const auto x = r.bytes(static_cast<std::size_t>(p.batches * p.input_h * p.input_w * p.input_c));
    const auto w = r.bytes(static_cast<std::size_t>(p.output_c * p.filter_h * p.filter_w * p.filter_c));
    const Quant q(r, p.output_c);
    const auto n = static_cast<std::size_t>(p.batches * p.output_h * p.output_w * p.output_c);
    std::vector<int8_t> ref(n), dsp(n), mve(n);
    tinyaot_rt::conv2d_s8(p, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(), ref.data());
    tinyaot_rt::conv2d_s8_dsp(p, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(), dsp.data());
    tinyaot_rt::conv2d_s8_mve(p, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(), mve.data());
    EXPECT_EQ(ref, dsp) << "case " << t;
    EXPECT_EQ(ref, mve) << "case " << t;
  }
}

TEST(KernelVariants, DepthwiseConv2D) {
  Rng r;
  for (int t = 0; t < 80; ++t) {
    tinyaot_rt::DepthwiseConv2DParams p{};
    p.batches = 1;
    p.input_h = r.in(1, 9), p.input_w = r.in(1, 9), p.input_c = r.in(1, 11);
    p.filter_h = r.in(1, 4), p.filter_w = r.in(1, 4);
    const int32_t mults[] = {1, 1, 2, 4, 8};
    p.depth_multiplier = mults[t % 5];
    p.output_c = p.input_c * p.depth_multiplier;
    p.stride_h = r.in(1, 2), p.stride_w = r.in(1, 2);
    p.dilation_h = r.in(1, 2), p.dilation_w = r.in(1, 2);
    p.pad_h = r.in(0, p.filter_h - 1), p.pad_w = r.in(0, p.filter_w - 1);
    if (!set_output_size(p)) continue;
    p.input_zero_point = r.in(-128, 127), p.output_zero_point = r.in(-128, 127);
    p.act_min = -100, p.act_max = 100;
    const auto x = r.bytes(static_cast<std::size_t>(p.input_h * p.input_w * p.input_c));
    const auto w = r.bytes(static_cast<std::size_t>(p.filter_h * p.filter_w * p.output_c));
    const Quant q(r, p.output_c);
    const auto n = static_cast<std::size_t>(p.output_h * p.output_w * p.output_c);
    std::vector<int8_t> ref(n), dsp(n), mve(n);
    tinyaot_rt::depthwise_conv2d_s8(p, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(), ref.data());
    tinyaot_rt::depthwise_conv2d_s8_dsp(p, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(),
                                        dsp.data());
    tinyaot_rt::depthwise_conv2d_s8_mve(p, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(),
                                        mve.data());
    EXPECT_EQ(ref, dsp) << "case " << t;
    EXPECT_EQ(ref, mve) << "case " << t;
  }
}

// The fixed-window depthwise paths (depth multiplier 1): channel counts in and across 64-channel chunks,
// with and without bias, the full int8 activation range (SSAT clamp) or a narrower one, and all-right
// shifts (the short requantization form) or mixed ones. On the host the Helium header runs the reference
// kernel; the QEMU suites run its vector code.
TEST(KernelVariants, DepthwiseFixedWindow) {
  Rng r;
  const int32_t channels[] = {4, 8, 12, 16, 24, 40, 64, 68, 132};
  for (int t = 0; t < 72; ++t) {
    tinyaot_rt::DepthwiseConv2DParams p{};
    p.batches = 1;
    p.input_h = r.in(1, 7), p.input_w = r.in(1, 7), p.input_c = channels[t % 9];
    p.filter_h = r.in(1, 5), p.filter_w = r.in(1, 5);
    p.depth_multiplier = 1;
    p.output_c = p.input_c;
    p.stride_h = r.in(1, 2), p.stride_w = r.in(1, 2);
    p.dilation_h = r.in(1, 2), p.dilation_w = r.in(1, 2);
    p.pad_h = r.in(0, p.filter_h - 1), p.pad_w = r.in(0, p.filter_w - 1);
    if (!set_output_size(p)) continue;
    p.input_zero_point = r.in(-128, 127), p.output_zero_point = r.in(-128, 127);
    p.act_min = t % 2 ? -128 : -90, p.act_max = t % 2 ? 127 : 110;
    const auto x = r.bytes(static_cast<std::size_t>(p.input_h * p.input_w * p.input_c));
    const auto w = r.bytes(static_cast<std::size_t>(p.filter_h * p.filter_w * p.output_c));
    Quant q(r, p.output_c);
    if (t % 3 == 0)
      for (auto& s : q.shift) s = s >= 0 ? -1 : s;  // every shift a right shift
    const int32_t* bias = t % 4 == 1 ? nullptr : q.bias.data();
    const auto n = static_cast<std::size_t>(p.output_h * p.output_w * p.output_c);
    std::vector<int8_t> ref(n), dsp(n), mve(n), ring(static_cast<std::size_t>(p.output_c));
    tinyaot_rt::depthwise_conv2d_s8(p, x.data(), w.data(), bias, q.mult.data(), q.shift.data(), ref.data());
    tinyaot_rt::depthwise_conv2d_s8_dsp(p, x.data(), w.data(), bias, q.mult.data(), q.shift.data(), dsp.data());
    tinyaot_rt::depthwise_conv2d_s8_mve(p, x.data(), w.data(), bias, q.mult.data(), q.shift.data(), mve.data());
    EXPECT_EQ(ref, dsp) << "case " << t;
    EXPECT_EQ(ref, mve) << "case " << t;
    const tinyaot_rt::InPlaceParams ip{t % 2, 1};
    tinyaot_rt::depthwise_conv2d_inplace_s8_dsp(p, ip, x.data(), w.data(), bias, q.mult.data(), q.shift.data(),
                                                dsp.data(), ring.data());
    tinyaot_rt::depthwise_conv2d_inplace_s8_mve(p, ip, x.data(), w.data(), bias, q.mult.data(), q.shift.data(),
                                                mve.data(), ring.data());
    EXPECT_EQ(ref, dsp) << "in-place case " << t;
    EXPECT_EQ(ref, mve) << "in-place case " << t;
  }
}

TEST(KernelVariants, ClampS8) {
  for (int32_t v : {INT32_MIN, -129, -128, -127, 0, 126, 127, 128, INT32_MAX})
    EXPECT_EQ(tinyaot_rt::clamp_s8(v), v < -128 ? -128 : (v > 127 ? 127 : v)) << v;
}

// The in-place variants stage pixels in a ring like the reference ones; with a separate output buffer (any
// walk order is then safe) every ring size and direction must give the reference bytes.
TEST(KernelVariants, InPlaceConvAndDepthwise) {
  Rng r;
  for (int t = 0; t < 60; ++t) {
    const tinyaot_rt::InPlaceParams ip{t % 2, 1 + t % 3};
    tinyaot_rt::Conv2DParams p{};
    p.batches = 1;
    p.input_h = r.in(1, 8), p.input_w = r.in(1, 8), p.input_c = r.in(1, 12);
    p.filter_h = t % 4 == 0 ? 1 : r.in(1, 3), p.filter_w = t % 4 == 0 ? 1 : r.in(1, 3), p.filter_c = p.input_c;
    p.output_c = r.in(1, 13);
    p.stride_h = r.in(1, 2), p.stride_w = r.in(1, 2), p.dilation_h = 1, p.dilation_w = 1;
    p.pad_h = r.in(0, p.filter_h - 1), p.pad_w = r.in(0, p.filter_w - 1);
    if (!set_output_size(p)) continue;
    p.input_zero_point = r.in(-128, 127), p.output_zero_point = r.in(-128, 127), p.act_min = -128, p.act_max = 127;
    const auto x = r.bytes(static_cast<std::size_t>(p.input_h * p.input_w * p.input_c));
    const auto w = r.bytes(static_cast<std::size_t>(p.output_c * p.filter_h * p.filter_w * p.input_c));
    const Quant q(r, p.output_c);
    const auto n = static_cast<std::size_t>(p.output_h * p.output_w * p.output_c);
    std::vector<int8_t> ref(n), dsp(n), mve(n), ring(static_cast<std::size_t>(ip.ring * p.output_c));
    tinyaot_rt::conv2d_s8(p, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(), ref.data());
    tinyaot_rt::conv2d_inplace_s8_dsp(p, ip, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(),
                                      dsp.data(), ring.data());
    tinyaot_rt::conv2d_inplace_s8_mve(p, ip, x.data(), w.data(), q.bias.data(), q.mult.data(), q.shift.data(),
                                      mve.data(), ring.data());
    EXPECT_EQ(ref, dsp) << "conv case " << t;
    EXPECT_EQ(ref, mve) << "conv case " << t;

    tinyaot_rt::DepthwiseConv2DParams d{};
    d.batches = 1;
    d.input_h = p.input_h, d.input_w = p.input_w, d.input_c = p.input_c;
    d.filter_h = p.filter_h, d.filter_w = p.filter_w, d.depth_multiplier = t % 5 == 0 ? 4 : 1;
    d.output_c = d.input_c * d.depth_multiplier;
    d.stride_h = p.stride_h, d.stride_w = p.stride_w, d.dilation_h = 1, d.dilation_w = 1;
    d.pad_h = p.pad_h, d.pad_w = p.pad_w, d.output_h = p.output_h, d.output_w = p.output_w;
    d.input_zero_point = p.input_zero_point, d.output_zero_point = p.output_zero_point;
    d.act_min = -128, d.act_max = 127;
    const auto dw = r.bytes(static_cast<std::size_t>(d.filter_h * d.filter_w * d.output_c));
    const Quant dq(r, d.output_c);
    const auto dn = static_cast<std::size_t>(d.output_h * d.output_w * d.output_c);
    std::vector<int8_t> dref(dn), ddsp(dn), dmve(dn), dring(static_cast<std::size_t>(ip.ring * d.output_c));
    tinyaot_rt::depthwise_conv2d_s8(d, x.data(), dw.data(), dq.bias.data(), dq.mult.data(), dq.shift.data(),
                                    dref.data());
    tinyaot_rt::depthwise_conv2d_inplace_s8_dsp(d, ip, x.data(), dw.data(), dq.bias.data(), dq.mult.data(),
                                                dq.shift.data(), ddsp.data(), dring.data());
    tinyaot_rt::depthwise_conv2d_inplace_s8_mve(d, ip, x.data(), dw.data(), dq.bias.data(), dq.mult.data(),
                                                dq.shift.data(), dmve.data(), dring.data());
    EXPECT_EQ(dref, ddsp) << "depthwise case " << t;
    EXPECT_EQ(dref, dmve) << "depthwise case " << t;
  }
}

}  // namespace
