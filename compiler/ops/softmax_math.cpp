// tinyaot: SOFTMAX compile-time constants (see softmax_math.h). Same double arithmetic as TFLite's
// quantization_util.cc in the default build.
#include "compiler/ops/softmax_math.h"

#include <algorithm>
#include <cmath>

#include "compiler/quant/quant_math.h"

namespace tinyaot {

namespace {
constexpr int kScaledDiffIntegerBits = 5;

/// Largest |input difference| whose rescaled value stays inside int32 (TFLite CalculateInputRadius with
/// 31 total signed bits), floored.
int32_t input_radius(int integer_bits, int left_shift) {
  const double max_rescaled = 1.0 * ((1 << integer_bits) - 1) *
                              static_cast<double>(int64_t{1} << (31 - integer_bits)) /
                              static_cast<double>(int64_t{1} << left_shift);
  return static_cast<int32_t>(std::floor(max_rescaled));
}
}  // namespace

SoftmaxScaling softmax_scaling(float beta, float input_scale) {
  SoftmaxScaling s;
  // PreprocessSoftmaxScaling: Q5.26 representation of beta * scale, capped so it fits a Q31 multiplier.
  const double real = std::min(static_cast<double>(beta) * static_cast<double>(input_scale) *
                                   static_cast<double>(1 << (31 - kScaledDiffIntegerBits)),
                               static_cast<double>((int64_t{1} << 31) - 1));
  // TFLite's QuantizeMultiplierGreaterThanOne aborts unless real > 1.
  if (!(real > 1.0)) return s;
  const QuantizedMultiplier q = quantize_multiplier(real);
  if (q.shift < 0) return s;
  s.input_multiplier = q.multiplier;
  // A capped multiplier rounds up to shift 32; the radius is then 0, so only zero differences are ever
  // scaled and any shift gives 0. Keep the kernel's shift in range.
  s.input_left_shift = std::min(q.shift, 31);
  s.diff_min = -input_radius(kScaledDiffIntegerBits, q.shift);
  s.valid = true;
  return s;
}

QuantizedMultiplier softmax_int16_multiplier(float beta, float input_scale) {
  return quantize_multiplier(static_cast<double>(input_scale) * static_cast<double>(beta) / (10.0 / 65535.0));
}

namespace {

/// TFLite gen_lut<float, int16_t, int16_t>: 512 intervals over [lo, hi] plus the end point; each sample
/// is biased by half the error the linear interpolation would make at the interval's midpoint. All in
/// float, in TFLite's operation order, so the tables match bit for bit.
std::vector<int16_t> gen_table(float (*func)(float), float lo, float hi) {
  constexpr int kSteps = 512;
  const float step = (hi - lo) / kSteps;
  const float half_step = step / 2;
  const float scale = 65536.0f / 2.0f;  // (int16 max - min + 1) / (output_max - output_min), outputs [-1, 1]
  const auto clamp = [](float v) { return std::min(std::max(v, -32768.0f), 32767.0f); };
  std::vector<int16_t> lut(kSteps + 1);
  for (int i = 0; i < kSteps; ++i) {
    const float val = func(lo + static_cast<float>(i) * step);
    const float val_mid = func(lo + static_cast<float>(i) * step + half_step);
    const float val_next = func(lo + static_cast<float>(i + 1) * step);
    const float sample = std::round(val * scale);
    const float mid_interp = std::round((val_next * scale + std::round(val * scale)) / 2);
    const float mid = std::round(val_mid * scale);
    const float bias = std::round((mid_interp - mid) / 2);
    lut[static_cast<std::size_t>(i)] = static_cast<int16_t>(clamp(sample - bias));
  }
  lut[kSteps] = static_cast<int16_t>(clamp(std::round(func(hi) * scale)));
  return lut;
}

float exp_f(float x) { return std::exp(x); }
float one_over_one_plus_f(float x) { return 1.0f / (1.0f + x); }

}  // namespace

std::vector<int16_t> softmax_exp_table() { return gen_table(exp_f, -10.0f, 0.0f); }
std::vector<int16_t> softmax_reciprocal_table() { return gen_table(one_over_one_plus_f, 0.0f, 1.0f); }

}  // namespace tinyaot
