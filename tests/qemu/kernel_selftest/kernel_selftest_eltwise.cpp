// tinyaot QEMU tests: random int8 ADD (same shape, also in place) and AVERAGE_POOL_2D cases through the
// core's DSP or Helium variants, compared with the reference kernels (add.h, pooling.h). The parameters
// cover what the compiler can hand the kernels: both multipliers below one, any shifts, narrowed
// activation ranges, tails of every length, border windows with fewer taps, windows over 255 taps.
#include <cstring>

#include "kernel_selftest.h"
#include "tinyaot_rt/add.h"
#include "tinyaot_rt/pooling.h"
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include "tinyaot_rt/add_mve.h"
#include "tinyaot_rt/pooling_mve.h"
#define ELT_VARIANT(f) f##_mve
#else
#include "tinyaot_rt/add_dsp.h"
#include "tinyaot_rt/pooling_dsp.h"
#define ELT_VARIANT(f) f##_dsp
#endif

namespace kernel_selftest {
namespace {

constexpr int32_t kMaxN = 2 * 18 * 18 * 40;
int8_t e_x[kMaxN], e_y[kMaxN], e_ref[kMaxN], e_var[kMaxN];
Rng e_rng{1};

uint32_t next() { return e_rng.next(); }
int32_t in(int32_t lo, int32_t hi) { return e_rng.in(lo, hi); }
bool same(int32_t n) { return std::memcmp(e_ref, e_var, static_cast<std::size_t>(n)) == 0; }

int add_case() {
  tinyaot_rt::AddParams p{};
  p.input1_offset = in(-127, 128), p.input2_offset = in(-127, 128), p.output_offset = in(-128, 127);
  p.left_shift = 20;
  p.input1_multiplier = in(1 << 30, 0x7FFFFFFF), p.input1_shift = in(0, 3) == 0 ? 0 : in(-31, -1);
  p.input2_multiplier = in(1 << 30, 0x7FFFFFFF), p.input2_shift = in(0, 3) == 0 ? 0 : in(-31, -1);
  p.output_multiplier = in(1 << 30, 0x7FFFFFFF), p.output_shift = in(-25, 0);
  p.act_min = in(0, 1) ? -128 : in(-128, 0), p.act_max = in(0, 1) ? 127 : in(0, 127);
  const int32_t n = in(0, 3) == 0 ? in(1, 200) : in(1, 3000);
  for (int32_t i = 0; i < n; ++i) e_x[i] = static_cast<int8_t>(next()), e_y[i] = static_cast<int8_t>(next());
  tinyaot_rt::add_elementwise(p, e_x, e_y, e_ref, n);
  tinyaot_rt::ELT_VARIANT(add_elementwise)(p, e_x, e_y, e_var, n);
  if (!same(n)) return 1;
  // In place, as the in-place pass may arrange: the output at the same or a lower address than input 2.
  const int32_t d = in(0, 1) ? 0 : in(1, 40);
  std::memmove(e_var + d, e_y, static_cast<std::size_t>(n));
  tinyaot_rt::ELT_VARIANT(add_elementwise)(p, e_x, e_var + d, e_var, n);
  return same(n) ? 0 : 1;
}

int pool_case() {
  tinyaot_rt::PoolParams p{};
  p.batches = in(1, 2), p.input_height = in(1, 18), p.input_width = in(1, 18), p.channels = in(1, 40);
  p.filter_height = in(1, p.input_height), p.filter_width = in(1, p.input_width);
  if (in(0, 3) == 0) p.filter_height = p.input_height, p.filter_width = p.input_width;  // global pool
  p.stride_height = in(1, 3), p.stride_width = in(1, 3);
  p.pad_height = in(0, p.filter_height - 1), p.pad_width = in(0, p.filter_width - 1);
  p.output_height = (p.input_height + 2 * p.pad_height - p.filter_height) / p.stride_height + 1;
  p.output_width = (p.input_width + 2 * p.pad_width - p.filter_width) / p.stride_width + 1;
  p.act_min = in(0, 1) ? -128 : in(-128, 0), p.act_max = in(0, 1) ? 127 : in(0, 127);
  const int32_t ni = p.batches * p.input_height * p.input_width * p.channels;
  const int32_t no = p.batches * p.output_height * p.output_width * p.channels;
  if (no > kMaxN) return 0;  // large paddings can give more outputs than inputs
  // Runs of -128 reach the extreme sums.
  const int32_t extreme = in(0, 2);
  for (int32_t i = 0; i < ni; ++i)
    e_x[i] = extreme == 0 ? static_cast<int8_t>(-128) : extreme == 1 && in(0, 1) ? 127 : static_cast<int8_t>(next());
  tinyaot_rt::average_pool(p, e_x, e_ref);
  tinyaot_rt::ELT_VARIANT(average_pool)(p, e_x, e_var);
  return same(no) ? 0 : 1;
}

}  // namespace

int eltwise_selftest(uint32_t seed) {
  e_rng.state = seed | 1u;
  int failures = 0;
  for (int i = 0; i < 150; ++i) failures += add_case() + pool_case();
  return failures;
}

}  // namespace kernel_selftest
