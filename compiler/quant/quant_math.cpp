// tinyaot: compile-time quantization arithmetic (see quant_math.h).
// Mirrors TFLite's quantization_util.cc / kernel_util.cc as of the TFLM commit we match, in the default
// build (no TFLITE_SINGLE_ROUNDING, no TFLITE_EMULATE_FLOAT): std::frexp + std::round, float arithmetic
// where TFLite uses float. One LSB of difference here shows up as a wrong output value.
#include "compiler/quant/quant_math.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace tinyaot {

QuantizedMultiplier quantize_multiplier(double real_multiplier) {
  QuantizedMultiplier r;
  if (real_multiplier == 0.0) return r;
  int shift = 0;
  const double q = std::frexp(real_multiplier, &shift);
  // TfLiteRound is std::round: ties away from zero.
  int64_t q_fixed = static_cast<int64_t>(std::round(q * static_cast<double>(int64_t{1} << 31)));
  // Rounding can reach exactly 2^31 (q just below 1); renormalize instead of overflowing int32.
  if (q_fixed == (int64_t{1} << 31)) {
    q_fixed /= 2;
    ++shift;
  }
  // Shifts below -31 would shift every bit out; TFLite flushes such tiny multipliers to zero.
  if (shift < -31) {
    shift = 0;
    q_fixed = 0;
  }
  r.multiplier = static_cast<int32_t>(q_fixed);
  r.shift = shift;
  return r;
}

QuantizedMultiplier quantize_multiplier_smaller_than_one(double real_multiplier) {
  // TFLite checks 0 < real < 1 and shift <= 0; callers guarantee the range.
  return quantize_multiplier(real_multiplier);
}

QuantizedMultiplier quantize_multiplier_greater_than_one(double real_multiplier) {
  // TFLite checks real > 1 and shift >= 0; callers guarantee the range.
  return quantize_multiplier(real_multiplier);
}

const char* activation_name(Activation a) {
  switch (a) {
    case Activation::kNone: return "NONE";
    case Activation::kRelu: return "RELU";
    case Activation::kReluN1To1: return "RELU_N1_TO_1";
    case Activation::kRelu6: return "RELU6";
    case Activation::kTanh: return "TANH";
    case Activation::kSignBit: return "SIGN_BIT";
  }
  return "UNKNOWN";
}

namespace {

/// TFLite's Quantize lambda of CalculateActivationRangeQuantizedImpl: the division and rounding are in
/// float (not double), then the zero point is added in int32.
int32_t quantize_value(float scale, int32_t zero_point, float f) {
  const float tmp = std::round(f / scale);
  // TFLite rejects values outside int32 (the model fails to prepare); clamping keeps us total.
  const double t = std::clamp(static_cast<double>(tmp), -2147483648.0, 2147483647.0);
  const int64_t v = static_cast<int64_t>(zero_point) + static_cast<int64_t>(t);
  return static_cast<int32_t>(std::clamp<int64_t>(v, INT32_MIN, INT32_MAX));
}

}  // namespace

ActRange activation_range(Activation act, float out_scale, int32_t out_zero_point, int32_t qmin,
                          int32_t qmax) {
  ActRange r{qmin, qmax};
  switch (act) {
    case Activation::kRelu:
      r.min = std::max(qmin, quantize_value(out_scale, out_zero_point, 0.0f));
      break;
    case Activation::kRelu6:
      r.min = std::max(qmin, quantize_value(out_scale, out_zero_point, 0.0f));
      r.max = std::min(qmax, quantize_value(out_scale, out_zero_point, 6.0f));
      break;
    case Activation::kReluN1To1:
      r.min = std::max(qmin, quantize_value(out_scale, out_zero_point, -1.0f));
      r.max = std::min(qmax, quantize_value(out_scale, out_zero_point, 1.0f));
      break;
    default:  // NONE, and TFLite's fallback for TANH / SIGN_BIT: the full type range.
      break;
  }
  return r;
}

}  // namespace tinyaot
