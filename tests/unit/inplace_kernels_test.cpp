// tinyaot: the staged in-place convolution kernels (tinyaot_rt/conv_inplace.h) against the ordinary ones,
// with input and output overlapping at the extreme offsets passes/inplace_access.h allows. Geometries are
// drawn at random (sizes, channels, filter, stride, dilation, SAME/VALID, depth multiplier, groups), so
// the access analysis and the kernels are checked together: any offset the analysis allows must give
// exactly the output of the kernel with separate buffers.
#include <gtest/gtest.h>

#include <vector>

#include "compiler/ops/conv_util.h"
#include "passes/inplace_access.h"
#include "tinyaot_rt/conv_inplace.h"

namespace tinyaot {
namespace {

struct Rng {
  uint32_t x;
  uint32_t next() {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  }
  int32_t in(int32_t lo, int32_t hi) { return lo + static_cast<int32_t>(next() % static_cast<uint32_t>(hi - lo + 1)); }
};

/// One random convolution problem with its reference output.
struct Case {
  bool depthwise = false;
  tinyaot_rt::Conv2DParams conv{};
  tinyaot_rt::DepthwiseConv2DParams dw{};
  WindowGeometry geo;
  std::vector<int8_t> input, filter, ref;
  std::vector<int32_t> bias, mult, shift;
};

bool make_case(Rng& r, bool depthwise, Case& c) {
  c.depthwise = depthwise;
  const int32_t in_h = r.in(1, 7), in_w = r.in(1, 7), in_c = r.in(1, 5);
  const int32_t f_h = r.in(1, 3), f_w = r.in(1, 3), stride = r.in(1, 2), dil = r.in(1, 2);
  const bool same = r.in(0, 1) == 1;
  const Window1D wh = conv_window(same, in_h, f_h, stride, dil), ww = conv_window(same, in_w, f_w, stride, dil);
  if (wh.out <= 0 || ww.out <= 0) return false;
  int32_t out_c = 0, f_c = in_c;
  if (depthwise) {
    out_c = in_c * r.in(1, 2);
  } else {
    const int32_t groups = in_c % 2 == 0 && r.in(0, 1) ? 2 : 1;
    f_c = in_c / groups;
    out_c = groups * r.in(1, 6);
  }
  const int32_t in_zp = r.in(-20, 20), out_zp = r.in(-10, 10);
  c.geo = {in_h, in_w, in_c, wh.out, ww.out, out_c, f_h, f_w, stride, stride, dil, dil, wh.pad, ww.pad, 1};
  for (int32_t i = 0; i < in_h * in_w * in_c; ++i) c.input.push_back(static_cast<int8_t>(r.in(-128, 127)));
  const int32_t taps = depthwise ? f_h * f_w * out_c : out_c * f_h * f_w * f_c;
  for (int32_t i = 0; i < taps; ++i) c.filter.push_back(static_cast<int8_t>(r.in(-127, 127)));
  for (int32_t i = 0; i < out_c; ++i) {
    c.bias.push_back(r.in(-5000, 5000));
    c.mult.push_back(1 << 30);
    c.shift.push_back(-r.in(3, 7));
  }
  c.ref.assign(static_cast<std::size_t>(wh.out * ww.out * out_c), 0);
  if (depthwise) {
    c.dw = {1, in_h, in_w, in_c, f_h, f_w, out_c / in_c, wh.out, ww.out, out_c, stride, stride, dil, dil,
            wh.pad, ww.pad, in_zp, out_zp, -128, 127};
    tinyaot_rt::depthwise_conv2d_s8(c.dw, c.input.data(), c.filter.data(), c.bias.data(), c.mult.data(),
                                    c.shift.data(), c.ref.data());
  } else {
    c.conv = {1, in_h, in_w, in_c, f_h, f_w, f_c, wh.out, ww.out, out_c, stride, stride, dil, dil,
              wh.pad, ww.pad, in_zp, out_zp, -128, 127};
    tinyaot_rt::conv2d_s8(c.conv, c.input.data(), c.filter.data(), c.bias.data(), c.mult.data(), c.shift.data(),
                          c.ref.data());
  }
  return true;
}

/// The reference pixels through staged_pixel_groups<G> (the walk of kernels that compute G pixels at once).
template <int G>
void grouped_inplace(const Case& c, const tinyaot_rt::InPlaceParams& ip, const int8_t* in, int8_t* out,
                     int8_t* ring_buf) {
  const int32_t out_c = c.geo.out_c;
  std::vector<int8_t> stage(static_cast<std::size_t>((G - 1) * out_c), 55);
  auto group = [&](const int32_t* oy, const int32_t* ox, int32_t count, int8_t* const* outs) {
    // Every pixel of the group reads its input before any of them is written.
    std::vector<int8_t> tmp(static_cast<std::size_t>(count * out_c));
    for (int32_t i = 0; i < count; ++i) {
      if (c.depthwise) {
        tinyaot_rt::detail::depthwise_pixel<int32_t>(c.dw, in, c.filter.data(), c.bias.data(), c.mult.data(),
                                                     c.shift.data(), oy[i] * c.dw.stride_h - c.dw.pad_h,
                                                     ox[i] * c.dw.stride_w - c.dw.pad_w, tmp.data() + i * out_c);
      } else {
        const tinyaot_rt::Conv2DParams& p = c.conv;
        tinyaot_rt::detail::conv2d_pixel<int32_t>(p, in, c.filter.data(), c.bias.data(), c.mult.data(),
                                                  c.shift.data(), oy[i] * p.stride_h - p.pad_h,
                                                  ox[i] * p.stride_w - p.pad_w, false, tmp.data() + i * out_c);
      }
    }
    for (int32_t i = 0; i < count; ++i) std::copy_n(tmp.data() + i * out_c, out_c, outs[i]);
  };
  tinyaot_rt::detail::staged_pixel_groups<G>(c.geo.out_h, c.geo.out_w, out_c, ip, ring_buf, out, stage.data(), group,
                                             [](const int8_t* from, int8_t* to, int32_t n) {
                                               std::copy_n(from, n, to);
                                             });
}

/// Runs the in-place kernel with the output `delta` bytes from the input; returns its output. group > 1:
/// the reference pixels computed `group` at a time through staged_pixel_groups.
std::vector<int8_t> run_inplace(const Case& c, int64_t delta, bool reverse, int32_t ring, int group = 1) {
  const auto in_n = static_cast<int64_t>(c.input.size()), out_n = static_cast<int64_t>(c.ref.size());
  const int64_t lo = std::min<int64_t>(0, delta), hi = std::max<int64_t>(in_n, delta + out_n);
  std::vector<int8_t> arena(static_cast<std::size_t>(hi - lo), 99);
  int8_t* in = arena.data() - lo;
  int8_t* out = in + delta;
  std::copy(c.input.begin(), c.input.end(), in);
  std::vector<int8_t> ring_buf(static_cast<std::size_t>(ring * c.geo.out_c), 77);
  const tinyaot_rt::InPlaceParams ip{reverse ? 1 : 0, ring};
  if (group == 2) grouped_inplace<2>(c, ip, in, out, ring_buf.data());
  else if (group == 3) grouped_inplace<3>(c, ip, in, out, ring_buf.data());
  else if (group == 4) grouped_inplace<4>(c, ip, in, out, ring_buf.data());
  else if (c.depthwise)
    tinyaot_rt::depthwise_conv2d_inplace_s8(c.dw, ip, in, c.filter.data(), c.bias.data(), c.mult.data(),
                                            c.shift.data(), out, ring_buf.data());
  else
    tinyaot_rt::conv2d_inplace_s8(c.conv, ip, in, c.filter.data(), c.bias.data(), c.mult.data(), c.shift.data(),
                                  out, ring_buf.data());
  return std::vector<int8_t>(out, out + out_n);
}

void check_random_cases(bool depthwise) {
  Rng r{depthwise ? 12345u : 777u};
  int checked = 0;
  for (int iter = 0; iter < 400; ++iter) {
    Case c;
    if (!make_case(r, depthwise, c)) continue;
    const StreamAccess a = window_access(c.geo);
    const auto units = static_cast<int32_t>(a.units());
    for (int32_t ring : {1, 2, r.in(1, units + 1)}) {
      const InplaceBounds b = inplace_bounds(a, ring, true, true);
      SCOPED_TRACE(testing::Message() << "iter " << iter << " ring " << ring << " fwd_max " << b.fwd_max
                                      << " rev_min " << b.rev_min);
      // The tightest offsets of each walk, clipped to where the buffers still overlap.
      const int64_t in_n = static_cast<int64_t>(c.input.size()), out_n = static_cast<int64_t>(c.ref.size());
      const int64_t f = std::max<int64_t>(std::min<int64_t>(b.fwd_max, in_n), -out_n);
      const int64_t v = std::min<int64_t>(std::max<int64_t>(b.rev_min, -out_n), in_n);
      EXPECT_EQ(run_inplace(c, f, false, ring), c.ref);
      EXPECT_EQ(run_inplace(c, v, true, ring), c.ref);
      // Kernels computing several pixels per call are safe at the same offsets (see staged_pixel_groups).
      for (int group : {2, 3, 4}) {
        EXPECT_EQ(run_inplace(c, f, false, ring, group), c.ref) << "group " << group;
        EXPECT_EQ(run_inplace(c, v, true, ring, group), c.ref) << "group " << group;
      }
      if (b.allows(0)) EXPECT_EQ(run_inplace(c, 0, b.fwd_max < 0, ring), c.ref);
      ++checked;
    }
  }
  EXPECT_GT(checked, 300);
}

TEST(InplaceKernels, ConvMatchesReferenceAtEveryAllowedOffset) { check_random_cases(false); }

TEST(InplaceKernels, DepthwiseMatchesReferenceAtEveryAllowedOffset) { check_random_cases(true); }

TEST(InplaceKernels, OneByOneBoundIsTight) {
  // 1x1 conv, 4 -> 8 channels over 6 pixels, forward with a one-pixel ring: the bound is exact, one byte
  // more and the second-to-last pixel overwrites the first byte of the last input pixel.
  Rng r{99};
  Case c;
  c.geo = {1, 6, 4, 1, 6, 8, 1, 1, 1, 1, 1, 1, 0, 0, 1};
  c.conv = {1, 1, 6, 4, 1, 1, 4, 1, 6, 8, 1, 1, 1, 1, 0, 0, 3, -2, -128, 127};
  for (int i = 0; i < 24; ++i) c.input.push_back(static_cast<int8_t>(r.in(-128, 127)));
  for (int i = 0; i < 32; ++i) c.filter.push_back(static_cast<int8_t>(r.in(-127, 127)));
  c.bias.assign(8, 100);
  c.mult.assign(8, 1 << 30);
  c.shift.assign(8, -4);
  c.ref.assign(48, 0);
  tinyaot_rt::conv2d_s8(c.conv, c.input.data(), c.filter.data(), c.bias.data(), c.mult.data(), c.shift.data(),
                        c.ref.data());
  const InplaceBounds b = inplace_bounds(window_access(c.geo), 1, true, true);
  EXPECT_EQ(b.fwd_max, 5 * (4 - 8));  // (pixels - 1) * (in_c - out_c)
  EXPECT_EQ(b.rev_min, -4);           // backward: output may start at the input's start
  EXPECT_EQ(run_inplace(c, b.fwd_max, false, 1), c.ref);
  EXPECT_NE(run_inplace(c, b.fwd_max + 1, false, 1), c.ref);
  EXPECT_EQ(run_inplace(c, 0, true, 1), c.ref);
}

}  // namespace
}  // namespace tinyaot
