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

}  // namespace tinyaot
