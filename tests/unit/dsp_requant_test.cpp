// tinyaot: the DSP kernels' one-sum requantization (requant_dsp.h requant_right_zp) against the
// reference requantize() (conv_common.h): every shift, extreme accumulators and multipliers (0, 2^30,
// 2^31 - 1), and random values. The boards' build of the same code is compared by the QEMU kernel
// self-test (tests/qemu/kernel_selftest).
#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <vector>

#include "tinyaot_rt/requant_dsp.h"

namespace tinyaot {
namespace {

/// requant_pair_dsp for one output against requantize() for the same values; returns mismatches.
int mismatches(const std::vector<int32_t>& accs, int32_t mult, int32_t shift, int32_t zp, int32_t lo, int32_t hi) {
  int bad = 0;
  for (const int32_t a : accs) {
    int8_t out_a = 0, out_b = 0;
    const int32_t neg = static_cast<int32_t>(0u - static_cast<uint32_t>(a));
    if (lo == -128 && hi == 127)
      tinyaot_rt::detail::requant_pair_dsp<true>(&a, &neg, 1, nullptr, &mult, &shift, zp, lo, hi, &out_a, &out_b);
    else
      tinyaot_rt::detail::requant_pair_dsp<false>(&a, &neg, 1, nullptr, &mult, &shift, zp, lo, hi, &out_a, &out_b);
    bad += out_a != static_cast<int8_t>(tinyaot_rt::requantize(a, mult, shift, zp, lo, hi));
    bad += out_b != static_cast<int8_t>(tinyaot_rt::requantize(neg, mult, shift, zp, lo, hi));
  }
  return bad;
}

TEST(DspRequant, MatchesReferenceOnEveryShiftAndExtremes) {
  std::vector<int32_t> accs = {0, 1, -1, 2, -2, 3, -3, INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1,
                               1 << 30, -(1 << 30), (1 << 30) - 1, 12345, -12345};
  for (int e = 0; e < 31; ++e) {  // values next to the rounding points of every shift
    const int32_t p = static_cast<int32_t>(1u << e);
    for (int32_t d = -2; d <= 2; ++d) {
      accs.push_back(p + d);
      accs.push_back(-p + d);
      accs.push_back(p / 2 + d);
      accs.push_back(-p / 2 + d);
    }
  }
  uint32_t x = 2463534242u;
  for (int i = 0; i < 2000; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    accs.push_back(static_cast<int32_t>(x >> (x % 24)) * (x & 1 ? 1 : -1));
  }
  for (const int32_t mult : {0, 1 << 30, (1 << 30) + 1, 1518500250, INT32_MAX - 1, INT32_MAX}) {
    for (int32_t shift = -31; shift <= 3; ++shift) {
      SCOPED_TRACE(testing::Message() << "mult " << mult << " shift " << shift);
      EXPECT_EQ(mismatches(accs, mult, shift, 0, -128, 127), 0);
      EXPECT_EQ(mismatches(accs, mult, shift, -7, -128, 127), 0);
      EXPECT_EQ(mismatches(accs, mult, shift, 5, -3, 90), 0);
    }
  }
}

}  // namespace
}  // namespace tinyaot
