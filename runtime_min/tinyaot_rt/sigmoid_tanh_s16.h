// tinyaot runtime: int16 sigmoid and tanh by table interpolation, as TFLite's reference_integer_ops
// Logistic / Tanh for int16 (used by TFLite Micro's integer LSTM). One 256-entry table of sigmoid(i / 24)
// in Q0.16 serves both (tanh(x) = 2 * sigmoid(2x) - 1); the input is first multiplied by 3 (and shifted),
// which turns Q3.12 into the table's 1/24 steps with 9 (sigmoid) or 8 (tanh) fractional bits.
#pragma once

#include <cstdint>

namespace tinyaot_rt {

namespace detail {

/// sigmoid(i / 24) * 65536, saturated at 65535: the exact values TFLite's table holds (they are not a plain
/// rounding of the formula everywhere, so they are data, not computed).
inline constexpr uint16_t kSigmoidTableU16[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794, 41432, 42064,
    42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464,
    50942, 51409, 51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503,
    56823, 57133, 57433, 57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370,
    60565, 60753, 60935, 61110, 61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666,
    62778, 62886, 62990, 63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968,
    64030, 64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687,
    64721, 64754, 64786, 64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
    65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258, 65269, 65280, 65291,
    65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367, 65374, 65381, 65387, 65393, 65399, 65404,
    65410, 65415, 65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465,
    65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498,
    65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513, 65514, 65515, 65516,
    65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524, 65525, 65525,
    65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530, 65530,
    65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
    65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
    65535};

/// (x * multiplier + round) >> shift, the input scaling both functions share. Arithmetic shift without
/// relying on signed right shifts: floor division by 2^shift.
inline int32_t lut_scale_input(int32_t x, int32_t multiplier, int32_t shift) {
  const int32_t round = shift > 0 ? (int32_t{1} << (shift - 1)) : 0;
  const int32_t v = x * multiplier + round;
  if (shift == 0) return v;
  const int32_t d = int32_t{1} << shift;
  return v >= 0 ? v / d : -((-v + d - 1) / d);
}

/// Linear interpolation in the table: |x| with `frac_bits` fractional bits of one table step.
inline uint32_t lut_interpolate(uint32_t abs_x, int frac_bits) {
  const uint32_t index = abs_x >> frac_bits;
  const uint32_t ua = kSigmoidTableU16[index];
  const uint32_t ub = kSigmoidTableU16[index + 1];
  const uint32_t frac = abs_x & ((uint32_t{1} << frac_bits) - 1u);
  return (ua << frac_bits) + frac * (ub - ua);
}

}  // namespace detail

/// TFLite's int16 Logistic with multiplier 3 << left_shift (power-of-two input scale, as the LSTM uses it
/// with left_shift 0: Q3.12 in). Output Q0.15.
inline int16_t sigmoid_s16(int16_t x, int32_t left_shift) {
  const int32_t v = detail::lut_scale_input(x, int32_t{3} << left_shift, 0);
  const uint32_t abs_v = static_cast<uint32_t>(v < 0 ? -v : v);
  // 9 fractional bits: 7 for the Q3.12 -> 1/24 conversion, 2 for the factor 3/4.
  uint32_t r = (abs_v >> 9) >= 255u ? (uint32_t{0x7FFF} << 10) : detail::lut_interpolate(abs_v, 9);
  r = v >= 0 ? r + (1u << 9) : (1u << 25) - r + (1u << 9) - 1u;
  return static_cast<int16_t>(r >> 10);
}

/// TFLite's int16 Tanh(input_multiplier, input_left_shift): multiplier 0 means the power-of-two case,
/// 3 << shift with no shift after. Output Q0.15.
inline int16_t tanh_s16(int16_t x, int32_t input_multiplier, int32_t input_left_shift) {
  if (input_multiplier == 0) {
    input_multiplier = int32_t{3} << input_left_shift;
    input_left_shift = 0;
  }
  const int32_t v = detail::lut_scale_input(x, input_multiplier, input_left_shift);
  const uint32_t abs_v = static_cast<uint32_t>(v < 0 ? -v : v);
  const int32_t r = (abs_v >> 8) >= 255u ? (int32_t{0xFFFF} << 8)
                                         : static_cast<int32_t>(detail::lut_interpolate(abs_v, 8));
  const int32_t s = v >= 0 ? r - (int32_t{1} << 23) + (int32_t{1} << 7)
                           : -r + (int32_t{1} << 23) + (int32_t{1} << 7) - 1;
  // Floor division by 2^8 (TFLite's arithmetic >> on a possibly negative value).
  return static_cast<int16_t>(s >= 0 ? s / 256 : -((-s + 255) / 256));
}

}  // namespace tinyaot_rt
