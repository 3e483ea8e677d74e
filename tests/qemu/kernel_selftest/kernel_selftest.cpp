// tinyaot QEMU tests: random-layer comparison of kernel variants with the reference (see the header).
// The input byte seeds the generator. Buffers are static (no heap); sizes bound the random shapes.
#include "kernel_selftest.h"

#include <climits>
#include <cstring>

#include "tinyaot_rt/conv2d.h"
#include "tinyaot_rt/depthwise_conv2d.h"
#include "tinyaot_rt/fully_connected.h"
#include "tinyaot_rt/requant_dsp.h"
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include "tinyaot_rt/conv2d_mve.h"
#include "tinyaot_rt/conv_inplace_mve.h"
#include "tinyaot_rt/depthwise_conv2d_mve.h"
#include "tinyaot_rt/fully_connected_mve.h"
#define VARIANT(f) f##_mve
#else
#include "tinyaot_rt/conv2d_dsp.h"
#include "tinyaot_rt/conv_inplace_dsp.h"
#include "tinyaot_rt/depthwise_conv2d_dsp.h"
#include "tinyaot_rt/fully_connected_dsp.h"
#define VARIANT(f) f##_dsp
#endif

namespace kernel_selftest {
namespace {

constexpr int kMaxIn = 12 * 12 * 16, kMaxW = 40 * 200, kMaxOut = 12 * 12 * 32, kMaxC = 80;
int8_t g_x[kMaxIn], g_w[kMaxW], g_ref[kMaxOut], g_var[kMaxOut], g_ring[3 * kMaxC];
int32_t g_bias[kMaxC], g_mult[kMaxC], g_shift[kMaxC];
Rng g_rng{1};

uint32_t next() { return g_rng.next(); }
int32_t in(int32_t lo, int32_t hi) { return g_rng.in(lo, hi); }

void fill(int32_t n_x, int32_t n_w, int32_t n_c) {
  for (int32_t i = 0; i < n_x; ++i) g_x[i] = static_cast<int8_t>(next());
  for (int32_t i = 0; i < n_w; ++i) g_w[i] = static_cast<int8_t>(next());
  for (int32_t i = 0; i < n_c; ++i) {
    g_bias[i] = in(-50000, 50000);
    g_mult[i] = in(1 << 30, 0x7FFFFFFF);
    g_shift[i] = in(-14, 2);
  }
}

bool same(int32_t n) { return std::memcmp(g_ref, g_var, static_cast<std::size_t>(n)) == 0; }

int conv_case() {
  tinyaot_rt::Conv2DParams p{};
  p.batches = 1;
  p.input_h = in(1, 12), p.input_w = in(1, 12), p.input_c = in(1, 16);
  p.filter_h = in(1, 5), p.filter_w = in(1, 5), p.filter_c = p.input_c;
  // Up to 40 output channels (with short filters) so the Helium group kernel sees channel counts that are
  // not multiples of four and pointwise columns of one and of several vectors.
  p.output_c = in(1, 3) == 0 ? in(17, 40) : in(1, 16);
  p.stride_h = in(1, 2), p.stride_w = in(1, 2), p.dilation_h = in(1, 2), p.dilation_w = in(1, 3) == 3 ? 2 : 1;
  p.pad_h = in(0, p.filter_h - 1), p.pad_w = in(0, p.filter_w - 1);
  if (in(0, 3) == 0) {
    p.filter_h = p.filter_w = 1, p.pad_h = p.pad_w = 0;
    if (in(0, 1) == 0) {  // deeper pointwise columns (several vectors, a partial last one)
      p.input_c = p.filter_c = in(17, 40);
      p.input_h = in(1, 7), p.input_w = in(1, 7);
    }
  }
  if (!set_output_size(p)) return 0;
  const int32_t k = p.filter_h * p.filter_w * p.input_c;
  if (p.output_c * k > kMaxW) p.output_c = kMaxW / k;
  if (p.output_h * p.output_w * p.output_c > kMaxOut) return 0;
  p.input_zero_point = in(-128, 127), p.output_zero_point = in(-128, 127), p.act_min = -128, p.act_max = 127;
  if (in(0, 2) == 0) p.act_min = in(-128, 0), p.act_max = in(1, 127);
  fill(p.input_h * p.input_w * p.input_c, p.output_c * k, p.output_c);
  const int32_t* bias = in(0, 7) == 0 ? nullptr : g_bias;
  const int32_t n = p.output_h * p.output_w * p.output_c;
  tinyaot_rt::conv2d_s8(p, g_x, g_w, bias, g_mult, g_shift, g_ref);
  tinyaot_rt::VARIANT(conv2d_s8)(p, g_x, g_w, bias, g_mult, g_shift, g_var);
  if (!same(n)) return 1;
  // The in-place form (separate output here, so any walk is safe) must give the same bytes.
  const tinyaot_rt::InPlaceParams ip{in(0, 1), in(1, 3)};
  tinyaot_rt::VARIANT(conv2d_inplace_s8)(p, ip, g_x, g_w, bias, g_mult, g_shift, g_var, g_ring);
  return same(n) ? 0 : 1;
}

int depthwise_case() {
  tinyaot_rt::DepthwiseConv2DParams p{};
  p.batches = 1;
  p.input_h = in(1, 12), p.input_w = in(1, 12), p.input_c = in(1, 16);
  p.filter_h = in(1, 5), p.filter_w = in(1, 5);
  const int32_t mults[] = {1, 1, 1, 2, 4, 8};
  p.depth_multiplier = mults[in(0, 5)];
  if (p.input_c * p.depth_multiplier > 32) p.input_c = 32 / p.depth_multiplier;
  p.output_c = p.input_c * p.depth_multiplier;
  p.stride_h = in(1, 2), p.stride_w = in(1, 2), p.dilation_h = in(1, 2), p.dilation_w = in(1, 2);
  p.pad_h = in(0, p.filter_h - 1), p.pad_w = in(0, p.filter_w - 1);
  // Large paddings make the output bigger than the input: stay inside the static buffers.
  if (!set_output_size(p) || p.output_h * p.output_w * p.output_c > kMaxOut) return 0;
  p.input_zero_point = in(-128, 127), p.output_zero_point = in(-128, 127), p.act_min = -120, p.act_max = 110;
  fill(p.input_h * p.input_w * p.input_c, p.filter_h * p.filter_w * p.output_c, p.output_c);
  const int32_t n = p.output_h * p.output_w * p.output_c;
  tinyaot_rt::depthwise_conv2d_s8(p, g_x, g_w, g_bias, g_mult, g_shift, g_ref);
  tinyaot_rt::VARIANT(depthwise_conv2d_s8)(p, g_x, g_w, g_bias, g_mult, g_shift, g_var);
  if (!same(n)) return 1;
  const tinyaot_rt::InPlaceParams ip{in(0, 1), in(1, 3)};
  tinyaot_rt::VARIANT(depthwise_conv2d_inplace_s8)(p, ip, g_x, g_w, g_bias, g_mult, g_shift, g_var, g_ring);
  return same(n) ? 0 : 1;
}

// The fixed-window depthwise paths: depth multiplier 1, channel counts around the vector and chunk
// widths (4, 8, 16, 64), padding on every side, and mostly right-only shifts (the DSP kernel's fast
// requantization and pre-split weights, the Helium kernel's short requantization).
int depthwise_fixed_case() {
  tinyaot_rt::DepthwiseConv2DParams p{};
  const int32_t chans[] = {4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 64, 68, 72, 80};
  p.batches = 1, p.depth_multiplier = 1;
  p.input_c = p.output_c = chans[in(0, 13)];
  p.filter_h = in(1, 5), p.filter_w = in(1, 5);
  if (in(0, 1)) p.filter_h = p.filter_w = 3;
  const int32_t side = p.input_c > 32 ? 5 : 8;
  p.input_h = in(1, side), p.input_w = in(1, side);
  p.stride_h = in(1, 2), p.stride_w = in(1, 2), p.dilation_h = in(1, 2), p.dilation_w = in(1, 2);
  p.pad_h = in(0, p.filter_h - 1), p.pad_w = in(0, p.filter_w - 1);
  if (!set_output_size(p)) return 0;
  const int32_t n = p.output_h * p.output_w * p.output_c;
  if (n > kMaxOut) return 0;
  p.input_zero_point = in(-128, 127), p.output_zero_point = in(-128, 127);
  if (in(0, 1)) p.act_min = -128, p.act_max = 127;
  else p.act_min = in(-128, 0), p.act_max = in(1, 127);
  fill(p.input_h * p.input_w * p.input_c, p.filter_h * p.filter_w * p.output_c, p.output_c);
  if (in(0, 3) != 0)
    for (int32_t i = 0; i < p.output_c; ++i) g_shift[i] = in(-31, -1) < -14 ? in(-14, -1) : in(-31, -1);
  tinyaot_rt::depthwise_conv2d_s8(p, g_x, g_w, g_bias, g_mult, g_shift, g_ref);
  tinyaot_rt::VARIANT(depthwise_conv2d_s8)(p, g_x, g_w, g_bias, g_mult, g_shift, g_var);
  if (!same(n)) return 1;
  const tinyaot_rt::InPlaceParams ip{in(0, 1), in(1, 3)};
  tinyaot_rt::VARIANT(depthwise_conv2d_inplace_s8)(p, ip, g_x, g_w, g_bias, g_mult, g_shift, g_var, g_ring);
  return same(n) ? 0 : 1;
}

int fc_case() {
  const tinyaot_rt::FullyConnectedParams p{in(1, 4), in(1, 200), in(1, 40), in(-128, 127), -128, 127};
  fill(p.batches * p.accum_depth, p.output_depth * p.accum_depth, p.output_depth);
  tinyaot_rt::fully_connected_s8(p, g_x, g_w, g_bias, g_mult, g_shift, g_ref);
  tinyaot_rt::VARIANT(fully_connected_s8)(p, g_x, g_w, g_bias, g_mult, g_shift, g_var);
  return same(p.batches * p.output_depth) ? 0 : 1;
}

/// The DSP one-sum requantization (SMLAL form, requant_dsp.h) against requantize() at the extremes:
/// every right shift, accumulators at the rounding points and the int32 limits, multipliers 2^30 and
/// 2^31 - 1. Returns the number of mismatching shifts.
int requant_edges() {
  int failures = 0;
  for (int32_t shift = -31; shift <= 1; ++shift) {
    bool ok = true;
    for (const int32_t m : {1 << 30, 1518500250, 0x7FFFFFFF}) {
      const int32_t mult[2] = {m, m}, shifts[2] = {shift, shift};
      for (int32_t e = 0; e < 31; ++e)
        for (int32_t d = -1; d <= 1; ++d) {
          const int32_t base = static_cast<int32_t>(1u << e);
          const int32_t a[2] = {base + d, e == 0 ? INT32_MAX : base / 2 + d};
          const int32_t b[2] = {-base + d, e == 0 ? INT32_MIN : -base / 2 + d};
          int8_t got_a[2], got_b[2];
          tinyaot_rt::detail::requant_pair_dsp<true>(a, b, 2, nullptr, mult, shifts, 3, -128, 127, got_a, got_b);
          for (int i = 0; i < 2; ++i) {
            ok = ok && got_a[i] == static_cast<int8_t>(tinyaot_rt::requantize(a[i], m, shift, 3, -128, 127));
            ok = ok && got_b[i] == static_cast<int8_t>(tinyaot_rt::requantize(b[i], m, shift, 3, -128, 127));
          }
        }
    }
    failures += ok ? 0 : 1;
  }
  return failures;
}

}  // namespace

void* input(int index, void* arena) { return index == 0 ? arena : nullptr; }
const void* output(int index, const void* arena) {
  return index == 0 ? static_cast<const unsigned char*>(arena) + 1 : nullptr;
}
void reset(void* arena) { std::memset(arena, 0, kArenaSize); }

int invoke(void* arena) {
  auto* a = static_cast<unsigned char*>(arena);
  g_rng.state = 0x9E3779B9u ^ a[0];
  int failures = 0;
  for (int i = 0; i < 150; ++i) failures += conv_case() + depthwise_case() + depthwise_fixed_case() + fc_case();
  failures += requant_edges();
  failures += eltwise_selftest(g_rng.state);
  a[1] = static_cast<unsigned char>(failures > 255 ? 255 : failures);
  return failures;
}

}  // namespace kernel_selftest
