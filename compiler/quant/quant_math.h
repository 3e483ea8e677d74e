// tinyaot: compile-time quantization arithmetic, matching TFLite's Prepare-time computations exactly
// (QuantizeMultiplier & friends, activation ranges). The results become constants in emitted code.
#pragma once

#include <cstdint>

namespace tinyaot {

/// A Q31 multiplier and a power-of-two shift: real ~= multiplier * 2^(shift - 31).
struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int shift = 0;
};

/// TFLite QuantizeMultiplier (frexp + round, with the 2^31 and < -31 corner cases).
QuantizedMultiplier quantize_multiplier(double real_multiplier);
/// TFLite QuantizeMultiplierSmallerThanOneExp (real in (0, 1)).
QuantizedMultiplier quantize_multiplier_smaller_than_one(double real_multiplier);
/// TFLite QuantizeMultiplierGreaterThanOne (real > 1), shift >= 0.
QuantizedMultiplier quantize_multiplier_greater_than_one(double real_multiplier);

/// Fused activation functions of TFLite (values are the schema's ActivationFunctionType).
enum class Activation { kNone = 0, kRelu = 1, kReluN1To1 = 2, kRelu6 = 3, kTanh = 4, kSignBit = 5 };
const char* activation_name(Activation a);

/// TFLite CalculateActivationRangeQuantized for an output of the given quantization and type range.
struct ActRange {
  int32_t min = 0;
  int32_t max = 0;
};
ActRange activation_range(Activation act, float out_scale, int32_t out_zero_point, int32_t qmin,
                          int32_t qmax);

}  // namespace tinyaot
