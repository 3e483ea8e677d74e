// tinyaot: unit tests of the SVDF kernel, hand-computed with TFLite Micro's formulas (state zero point
// subtracted in the time dot products; here folded into the bias), including its clamp-then-offset store
// of the newest state value and the int16 state variant.
#include <gtest/gtest.h>

#include <vector>

#include "tinyaot_rt/svdf.h"

namespace tinyaot {
namespace {

constexpr int32_t kOne = 1073741824;  // with shift 1: x1.0

TEST(SvdfKernel, OneInvokeRankOne) {
  // 2 inputs, 2 filters = 2 units, memory 2, state zp 1 (reset state: all 1), output zp -1.
  const tinyaot_rt::SvdfParams p = {1, 2, 2, 2, 1, 2, /*state_zp=*/1, /*out_zp=*/-1, kOne, 1, kOne, 1};
  const int8_t x[] = {3, -2};
  const int8_t wf[] = {1, 2, -1, 1};
  const int32_t fb[] = {0, 0};  // input zero point 0
  const int8_t wt[] = {2, 3, 1, -1};
  // TFLite bias [10, -10]; folded: 10 - 1 * (2 + 3), -10 - 1 * (1 - 1).
  const int32_t bias[] = {5, -10};
  int8_t state[] = {1, 1, 1, 1}, out[2];
  tinyaot_rt::svdf_s8<int8_t>(p, x, wf, fb, wt, bias, state, out);
  // Features -1 and -5 stored as 0 and -4 (+ zp) in each row's last slot.
  EXPECT_EQ(std::vector<int8_t>(state, state + 4), (std::vector<int8_t>{1, 0, 1, -4}));
  // Unit 0: 10 + 2 * 0 + 3 * (-1) = 7; unit 1: -10 + 1 * 0 + (-1) * (-5) = -5; then - 1.
  EXPECT_EQ(out[0], 6);
  EXPECT_EQ(out[1], -6);
}

TEST(SvdfKernel, StateShiftsAndRankTwo) {
  // 1 input, 2 filters, rank 2 -> 1 unit, memory 3, zp 0. The second invoke sees the first's values
  // shifted left by one (the whole buffer moves; each row's last slot is then rewritten).
  const tinyaot_rt::SvdfParams p = {1, 1, 2, 1, 2, 3, 0, 0, kOne, 1, kOne, 1};
  const int8_t wf[] = {2, -1};
  const int32_t fb[] = {0, 0};
  const int8_t wt[] = {1, 10, 100, 1, 1, 1};
  int8_t state[6] = {}, out[1];
  const int8_t x1[] = {5}, x2[] = {-3};
  tinyaot_rt::svdf_s8<int8_t>(p, x1, wf, fb, wt, nullptr, state, out);
  EXPECT_EQ(std::vector<int8_t>(state, state + 6), (std::vector<int8_t>{0, 0, 10, 0, 0, -5}));
  EXPECT_EQ(out[0], 127);  // 100 * 10 - 5 = 995, clamped
  tinyaot_rt::svdf_s8<int8_t>(p, x2, wf, fb, wt, nullptr, state, out);
  EXPECT_EQ(std::vector<int8_t>(state, state + 6), (std::vector<int8_t>{0, 10, -6, 0, -5, 3}));
  EXPECT_EQ(out[0], -128);  // (10 * 10 + 100 * -6) + (-5 + 3) = -502, clamped
}

TEST(SvdfKernel, NewestStateValueClampsThenWraps) {
  // Feature 200 clamps to 127, then + zp 37 = 164 is stored in int8 as -92 (TFLite Micro's behaviour).
  const tinyaot_rt::SvdfParams p = {1, 1, 1, 1, 1, 1, 37, 0, kOne, 1, kOne, 1};
  const int8_t x[] = {100}, wf[] = {2}, wt[] = {1};
  const int32_t fb[] = {0}, bias[] = {-37};  // folded: 0 - 37 * 1
  int8_t state[] = {37}, out[1];
  tinyaot_rt::svdf_s8<int8_t>(p, x, wf, fb, wt, bias, state, out);
  EXPECT_EQ(state[0], -92);
  EXPECT_EQ(out[0], -128);  // (-92 - 37) = -129 -> clamped
}

TEST(SvdfKernel, Int16StateAndInputZeroPoint) {
  // Input zp 4 folded into the feature bias: -4 * (3 + 1) = -16. x = (10, 6): (6 * 3 + 2 * 1) = 20.
  const tinyaot_rt::SvdfParams p = {1, 2, 1, 1, 1, 2, 0, 0, kOne, 1, kOne, 1};
  const int8_t x[] = {10, 6}, wf[] = {3, 1};
  const int32_t fb[] = {-16};
  const int16_t wt[] = {1000, -2};
  int16_t state[] = {300, 7}, out_state_expected[] = {7, 20};
  int8_t out[1];
  tinyaot_rt::svdf_s8<int16_t>(p, x, wf, fb, wt, nullptr, state, out);
  EXPECT_EQ(std::vector<int16_t>(state, state + 2), std::vector<int16_t>(out_state_expected, out_state_expected + 2));
  EXPECT_EQ(out[0], 127);  // 7000 - 40
}

}  // namespace
}  // namespace tinyaot
