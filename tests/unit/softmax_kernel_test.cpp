// tinyaot: unit tests of the int8 SOFTMAX: hand-computed rows, a float sanity bound, and bit-exact agreement
// with a separate, literal transcription of the gemmlowp fixed-point algorithm written here with typed
// Q-formats (template integer bits) rather than the kernel's runtime integer bits. Also the compile-time
// constants (compiler/ops/softmax_math.h).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "compiler/ops/softmax_math.h"
#include "tinyaot_rt/softmax.h"

namespace {

// ---- Reference: gemmlowp-style fixed point with the integer bits in the type.
int32_t ref_srdhm(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  const int64_t ab = int64_t{a} * int64_t{b};
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}
int32_t ref_rdbp(int32_t x, int e) {
  const int64_t mask = (int64_t{1} << e) - 1;
  const int64_t rem = int64_t{x} & mask;
  const int64_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return static_cast<int32_t>((int64_t{x} >> e) + (rem > threshold ? 1 : 0));
}
int32_t ref_sat_shl(int32_t x, int e) {
  const int64_t v = int64_t{x} * (int64_t{1} << e);
  return static_cast<int32_t>(v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : v);
}
int32_t wrap(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))); }

template <int IB>
struct Q {
  int32_t raw;
};
template <int A, int B>
Q<A + B> operator*(Q<A> a, Q<B> b) { return {ref_srdhm(a.raw, b.raw)}; }
template <int A>
Q<A> operator+(Q<A> a, Q<A> b) { return {wrap(int64_t{a.raw} + b.raw)}; }
template <int A>
Q<A> operator-(Q<A> a, Q<A> b) { return {wrap(int64_t{a.raw} - b.raw)}; }
template <int Dst, int Src>
Q<Dst> rescale(Q<Src> x) {
  constexpr int e = Src - Dst;
  if constexpr (e > 0) return {ref_sat_shl(x.raw, e)};
  else if constexpr (e < 0) return {ref_rdbp(x.raw, -e)};
  else return {x.raw};
}

Q<0> ref_exp_quarter(Q<0> a) {
  const Q<0> c{1895147668}, third{715827883};
  const Q<0> x = a + Q<0>{1 << 28};
  const Q<0> x2 = x * x, x3 = x2 * x, x4 = x2 * x2;
  const Q<0> x4_4{ref_rdbp(x4.raw, 2)};
  const Q<0> poly{ref_rdbp((((x4_4 + x3) * third) + x2).raw, 1)};
  return c + c * (x + poly);
}

Q<0> ref_exp_neg(Q<5> a) {
  const Q<5> quarter{1 << 24};
  const Q<5> am{(a.raw & (quarter.raw - 1)) - quarter.raw};
  Q<0> result = ref_exp_quarter(rescale<0>(am));
  const int32_t remainder = (am - a).raw;
  const int32_t mults[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
  for (int k = 0; k < 7; ++k)
    if (remainder & (1 << (24 + k))) result = result * Q<0>{mults[k]};
  return a.raw == 0 ? Q<0>{INT32_MAX} : result;
}

Q<0> ref_one_over_one_plus(Q<0> a) {
  const int64_t s = int64_t{a.raw} + INT32_MAX;
  const Q<0> half{static_cast<int32_t>((s + (s >= 0 ? 1 : -1)) / 2)};
  Q<2> x = Q<2>{1515870810} + half * Q<2>{-1010580540};
  for (int i = 0; i < 3; ++i) x = x + rescale<2>(x * (Q<2>{1 << 29} - half * x));
  return rescale<0>(Q<1>{x.raw});
}

std::vector<int8_t> ref_softmax_row(const std::vector<int8_t>& in, const tinyaot::SoftmaxScaling& s) {
  int32_t mx = -128;
  for (int8_t v : in) mx = std::max<int32_t>(mx, v);
  auto exp_of = [&](int32_t diff) {
    const int32_t scaled = ref_srdhm(wrap(int64_t{diff} << s.input_left_shift), s.input_multiplier);
    return ref_exp_neg(Q<5>{scaled});
  };
  Q<12> sum{0};
  for (int8_t v : in)
    if (v - mx >= s.diff_min) sum = sum + rescale<12>(exp_of(v - mx));
  int clz = 0;
  while (!(static_cast<uint32_t>(sum.raw) << clz & 0x80000000u)) ++clz;
  const int bits_over_unit = 12 - clz;
  const Q<0> recip = ref_one_over_one_plus(
      Q<0>{static_cast<int32_t>((static_cast<uint32_t>(sum.raw) << clz) - 0x80000000u)});
  std::vector<int8_t> out;
  for (int8_t v : in) {
    if (v - mx < s.diff_min) {
      out.push_back(-128);
      continue;
    }
    const int32_t u = ref_rdbp((recip * exp_of(v - mx)).raw, bits_over_unit + 31 - 8) - 128;
    out.push_back(static_cast<int8_t>(std::min(127, std::max(-128, u))));
  }
  return out;
}

tinyaot_rt::SoftmaxParams params_of(const tinyaot::SoftmaxScaling& s, int32_t rows, int32_t depth) {
  return {rows, depth, s.input_multiplier, s.input_left_shift, s.diff_min};
}

std::vector<int8_t> run(const std::vector<int8_t>& in, int32_t rows, float beta, float scale) {
  const tinyaot::SoftmaxScaling s = tinyaot::softmax_scaling(beta, scale);
  std::vector<int8_t> out(in.size());
  tinyaot_rt::softmax_s8(params_of(s, rows, static_cast<int32_t>(in.size()) / rows), in.data(), out.data());
  return out;
}

TEST(SoftmaxScaling, MatchesHandComputedConstants) {
  // beta * scale * 2^26 = 2^22 = 0.5 * 2^23: multiplier 2^30, shift 23; radius floor(31 * 2^26 / 2^23) = 248.
  const auto a = tinyaot::softmax_scaling(1.0f, 0.0625f);
  EXPECT_TRUE(a.valid);
  EXPECT_EQ(a.input_multiplier, 1 << 30);
  EXPECT_EQ(a.input_left_shift, 23);
  EXPECT_EQ(a.diff_min, -248);
  // Capped at 2^31 - 1: multiplier 2^31 - 1, shift 31, radius 0.
  const auto b = tinyaot::softmax_scaling(1.0f, 100.0f);
  EXPECT_EQ(b.input_multiplier, INT32_MAX);
  EXPECT_EQ(b.input_left_shift, 31);
  EXPECT_EQ(b.diff_min, 0);
  // beta * scale * 2^26 <= 1 is refused (TFLite aborts).
  EXPECT_FALSE(tinyaot::softmax_scaling(1.0f, 1e-9f).valid);
}

TEST(SoftmaxKernel, HandComputedRows) {
  // Equal values: each probability 1/4 -> 64 - 128.
  EXPECT_EQ(run({5, 5, 5, 5}, 1, 1.0f, 0.1f), (std::vector<int8_t>{-64, -64, -64, -64}));
  // A single element has probability 1 -> 256 - 128, saturated to 127.
  EXPECT_EQ(run({-7}, 1, 1.0f, 0.1f), (std::vector<int8_t>{127}));
  // Differences of -10 and -20 (scale 0.1): probabilities ~1, 4.5e-5, 2e-9.
  EXPECT_EQ(run({100, 0, -100}, 1, 1.0f, 0.1f), (std::vector<int8_t>{127, -128, -128}));
  // Two rows, two equal maxima each: 1/2 -> 0.
  EXPECT_EQ(run({3, 3, 9, 9}, 2, 1.0f, 0.05f), (std::vector<int8_t>{0, 0, 0, 0}));
}

TEST(SoftmaxKernel, BelowDiffMinGivesMinimum) {
  // scale 100: multiplier capped, diff_min 0: everything below the row max is exactly -128.
  EXPECT_EQ(run({10, 9, 10, -128}, 1, 1.0f, 100.0f), (std::vector<int8_t>{0, -128, 0, -128}));
}

TEST(SoftmaxKernel, MatchesReferenceAndFloat) {
  std::mt19937 rng(1234);
  std::uniform_int_distribution<int> v(-128, 127);
  const float scales[] = {0.0039f, 0.03371f, 0.1f, 0.25f, 1.0f};
  const float betas[] = {1.0f, 0.5f, 2.0f};
  for (float scale : scales)
    for (float beta : betas)
      for (int depth : {1, 2, 10, 33}) {
        std::vector<int8_t> in(static_cast<std::size_t>(depth));
        for (auto& x : in) x = static_cast<int8_t>(v(rng));
        const std::vector<int8_t> got = run(in, 1, beta, scale);
        EXPECT_EQ(got, ref_softmax_row(in, tinyaot::softmax_scaling(beta, scale)))
            << "scale " << scale << " beta " << beta << " depth " << depth;
        // The fixed-point result stays within 2 LSB of the real softmax.
        double mx = -1e9, sum = 0;
        for (int8_t x : in) mx = std::max(mx, static_cast<double>(x));
        for (int8_t x : in) sum += std::exp(beta * scale * (x - mx));
        for (std::size_t i = 0; i < in.size(); ++i) {
          const double p = std::exp(beta * scale * (in[i] - mx)) / sum;
          EXPECT_NEAR(got[i], std::min(127.0, std::round(p * 256) - 128), 2.0) << "element " << i;
        }
      }
}

TEST(SoftmaxKernel, Int16Output) {
  // Equal values, int16 output (scale 1/65536, zero point -32768): 1/4 -> 16384 - 32768.
  const tinyaot::SoftmaxScaling s = tinyaot::softmax_scaling(1.0f, 0.1f);
  const std::vector<int8_t> in = {5, 5, 5, 5};
  std::vector<int16_t> out(4);
  tinyaot_rt::softmax_s8(params_of(s, 1, 4), in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int16_t>{-16384, -16384, -16384, -16384}));
}

// ---- int16 input: TFLite's interpolated tables.
TEST(SoftmaxInt16, TablesHaveTheirDefiningValues) {
  const std::vector<int16_t> e = tinyaot::softmax_exp_table(), r = tinyaot::softmax_reciprocal_table();
  ASSERT_EQ(e.size(), 513u);
  ASSERT_EQ(r.size(), 513u);
  EXPECT_EQ(e[512], 32767);  // exp(0) * 2^15, saturated
  EXPECT_EQ(e[256], 221);    // exp(-5) * 2^15 = 220.8
  EXPECT_EQ(r[0], 32767);    // 1 / (1 + 0), saturated
  EXPECT_EQ(r[256], 21845);  // 1 / 1.5 * 2^15 = 21845.3
  EXPECT_EQ(r[512], 16384);  // 1 / 2
}

TEST(SoftmaxInt16, CloseToRealSoftmax) {
  const std::vector<int16_t> e = tinyaot::softmax_exp_table(), r = tinyaot::softmax_reciprocal_table();
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> v(-32768, 32767);
  for (float scale : {0.0001f, 0.0002164f, 0.0005f})
    for (int depth : {2, 5, 10}) {
      const tinyaot::QuantizedMultiplier m = tinyaot::softmax_int16_multiplier(1.0f, scale);
      const tinyaot_rt::SoftmaxInt16Params p = {1, depth, m.multiplier, m.shift};
      std::vector<int16_t> in(static_cast<std::size_t>(depth)), out(in.size());
      for (auto& x : in) x = static_cast<int16_t>(v(rng));
      tinyaot_rt::softmax_s16(p, e.data(), r.data(), in.data(), out.data());
      double mx = -1e9, sum = 0;
      for (int16_t x : in) mx = std::max(mx, static_cast<double>(x));
      for (int16_t x : in) sum += std::exp(scale * (x - mx));
      for (std::size_t i = 0; i < in.size(); ++i)
        EXPECT_NEAR(out[i], std::min(32767.0, std::exp(scale * (in[i] - mx)) / sum * 32768), 32.0);
    }
  // Two equal values: exactly one half.
  const tinyaot::QuantizedMultiplier m = tinyaot::softmax_int16_multiplier(1.0f, 0.001f);
  const tinyaot_rt::SoftmaxInt16Params p = {1, 2, m.multiplier, m.shift};
  const int16_t in[2] = {7, 7};
  int16_t out[2] = {0, 0};
  tinyaot_rt::softmax_s16(p, e.data(), r.data(), in, out);
  EXPECT_EQ(out[0], 16384);
  EXPECT_EQ(out[1], 16384);
}

}  // namespace
