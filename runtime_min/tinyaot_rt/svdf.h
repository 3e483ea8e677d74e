// tinyaot runtime: SVDF with int8 input and output, int8 feature weights, and int8 or int16 time weights
// and activation state, as TFLite Micro's EvalIntegerSvdfReference. Per invoke: the state (per batch,
// num_filters rows of memory_size values) shifts left by one; each filter's newest value is its feature
// dot product rescaled to the state's scale (clamped to the state type, then offset by the state zero
// point and stored with wrap-around, exactly as TFLite Micro does); each unit sums `rank` filters' time
// dot products plus the bias, rescaled to the output. The fused activation is not applied (TFLite Micro's
// integer kernel ignores it; the output is clamped to int8). Zero points are folded into the biases at
// compile time, so no scratch memory is needed.
#pragma once

#include <cstdint>

#include "tinyaot_rt/fixedpoint.h"

namespace tinyaot_rt {

/// Everything an SVDF layer needs besides its arrays; all known at compile time.
struct SvdfParams {
  int32_t batches, input_size, num_filters, num_units, rank, memory_size;
  int32_t state_zero_point;
  int32_t output_zero_point;
  int32_t feature_multiplier, feature_shift;  ///< input * weights_feature -> state scale
  int32_t output_multiplier, output_shift;    ///< state * weights_time -> output scale
};

/// `feature_bias[f]` = -input_zp * sum(weights_feature[f]); `bias[u]` = bias[u] - state_zp * sum of the
/// time weights of unit u's filters (both wrap modulo 2^32 like TFLite's int32 sums). `State` is int8_t or
/// int16_t (time weights and state share it).
template <typename State>
inline void svdf_s8(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                    const int32_t* feature_bias, const State* weights_time, const int32_t* bias, State* state,
                    int8_t* output) {
  const int32_t m = p.memory_size;
  const int64_t total = int64_t{p.batches} * p.num_filters * m;
  // Shift the whole state buffer left by one element; every row's last slot is rewritten below.
  for (int64_t i = 0; i + 1 < total; ++i) state[i] = state[i + 1];
  constexpr int32_t kStateMin = sizeof(State) == 1 ? INT8_MIN : INT16_MIN;
  constexpr int32_t kStateMax = sizeof(State) == 1 ? INT8_MAX : INT16_MAX;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* x = input + static_cast<int64_t>(b) * p.input_size;
    State* rows = state + static_cast<int64_t>(b) * p.num_filters * m;
    const int8_t* w = weights_feature;
    for (int32_t f = 0; f < p.num_filters; ++f, w += p.input_size) {
      int32_t acc = 0;
      for (int32_t c = 0; c < p.input_size; ++c) acc += static_cast<int32_t>(w[c]) * x[c];
      acc = static_cast<int32_t>(static_cast<uint32_t>(acc) + static_cast<uint32_t>(feature_bias[f]));
      const int32_t v = clamp_i32(multiply_by_quantized_multiplier(acc, p.feature_multiplier, static_cast<int>(p.feature_shift)),
                                  kStateMin, kStateMax);
      // Zero point added after the clamp and narrowed with wrap-around, as TFLite Micro stores it.
      rows[int64_t{f} * m + m - 1] = static_cast<State>(v + p.state_zero_point);
    }
    const State* wt = weights_time;
    const State* s = rows;
    for (int32_t u = 0; u < p.num_units; ++u) {
      int32_t acc = bias ? bias[u] : 0;
      for (int32_t r = 0; r < p.rank; ++r, wt += m, s += m)
        for (int32_t j = 0; j < m; ++j)
          acc = static_cast<int32_t>(static_cast<uint32_t>(acc) +
                                     static_cast<uint32_t>(static_cast<int32_t>(wt[j]) * s[j]));
      const int32_t out = multiply_by_quantized_multiplier(acc, p.output_multiplier, static_cast<int>(p.output_shift)) +
                          p.output_zero_point;
      output[int64_t{b} * p.num_units + u] = static_cast<int8_t>(clamp_i32(out, INT8_MIN, INT8_MAX));
    }
  }
}

}  // namespace tinyaot_rt
