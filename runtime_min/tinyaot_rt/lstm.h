// tinyaot runtime: UNIDIRECTIONAL_SEQUENCE_LSTM, int8 activations and weights, int16 cell state, as TFLite
// Micro's integer LSTM (lstm_eval.h, 8x8->16): per time step, each gate is two fully connected layers
// (input and recurrent) producing Q3.12 int16 values that are added with saturation and squashed to Q0.15
// (sigmoid; tanh for the cell gate); then cell = f * cell + i * g (clipped),
// hidden = tanh(cell) * o, and the hidden state is copied to the output row of this step.
// The compiler folds the input and hidden-state zero points into the biases, so the FCs are plain dot
// products; the hidden and cell states live in the caller's arena and persist across invoke() calls.
#pragma once

#include <cstdint>
#include <cstring>

#include "tinyaot_rt/fixedpoint.h"
#include "tinyaot_rt/sigmoid_tanh_s16.h"

namespace tinyaot_rt {

/// Requantization of one gate's two fully connected layers (accumulator -> Q3.12).
struct LstmGateParams {
  int32_t input_multiplier, input_shift;
  int32_t recurrent_multiplier, recurrent_shift;
};

/// Everything an LSTM layer needs besides its arrays; all known at compile time.
struct LstmParams {
  int32_t batches, time_steps, input_size, state_size;
  bool time_major;            ///< input [time, batch, input] instead of [batch, time, input]
  LstmGateParams forget, input, cell, output;
  int32_t forget_mul_multiplier, forget_mul_shift;  ///< forget gate (Q0.15) x cell -> cell
  int32_t input_mul_multiplier, input_mul_shift;    ///< input gate x cell gate (Q0.15) -> cell
  int32_t hidden_mul_multiplier, hidden_mul_shift;  ///< tanh(cell) x output gate -> hidden (int8)
  int32_t hidden_zero_point;
  int32_t cell_clip;          ///< quantized |cell| bound; -1: no clipping
  int32_t cell_tanh_multiplier, cell_tanh_shift;    ///< int16 Tanh input scaling for the cell scale
};

/// One gate's arrays: weights [state, input] and [state, state], folded biases (may be null).
struct LstmGateWeights {
  const int8_t* input_weights;
  const int32_t* input_bias;
  const int8_t* recurrent_weights;
  const int32_t* recurrent_bias;
};

/// The four gates, in TFLite Micro's evaluation order.
struct LstmWeights {
  LstmGateWeights forget, input, cell, output;
};

namespace detail {

inline int16_t sat_i16(int32_t v) { return static_cast<int16_t>(clamp_i32(v, INT16_MIN, INT16_MAX)); }

/// out[r][c] = clamp16(scale(bias[c] + sum_d w[c][d] * x[r][d])), TFLite's int8 x int8 -> int16 FC with
/// output zero point 0 and no activation.
inline void lstm_fc(const int8_t* x, int32_t rows, int32_t depth, const int8_t* w, const int32_t* bias,
                    int32_t n, int32_t multiplier, int32_t shift, int16_t* out) {
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* xr = x + static_cast<int64_t>(r) * depth;
    const int8_t* wc = w;
    for (int32_t c = 0; c < n; ++c, wc += depth) {
      int32_t acc = 0;
      for (int32_t d = 0; d < depth; ++d) acc += static_cast<int32_t>(wc[d]) * xr[d];
      if (bias) acc = static_cast<int32_t>(static_cast<uint32_t>(acc) + static_cast<uint32_t>(bias[c]));
      out[static_cast<int64_t>(r) * n + c] = sat_i16(multiply_by_quantized_multiplier(acc, multiplier, static_cast<int>(shift)));
    }
  }
}

/// gate = act(FC(x) + FC(h)) for `rows` rows; `tmp` holds the recurrent FC.
inline void lstm_gate(const LstmParams& p, const LstmGateParams& q, const LstmGateWeights& w, const int8_t* x,
                      const int8_t* h, int32_t rows, bool sigmoid, int16_t* gate, int16_t* tmp) {
  const int32_t n = p.state_size;
  lstm_fc(x, rows, p.input_size, w.input_weights, w.input_bias, n, q.input_multiplier, q.input_shift, gate);
  lstm_fc(h, rows, n, w.recurrent_weights, w.recurrent_bias, n, q.recurrent_multiplier, q.recurrent_shift, tmp);
  for (int32_t i = 0; i < rows * n; ++i) {
    const int16_t sum = sat_i16(int32_t{gate[i]} + tmp[i]);
    // Q3.12 in; tanh with cell scale power -12 needs no input shift (TFLite passes -12 for the gates).
    gate[i] = sigmoid ? sigmoid_s16(sum, 0) : tanh_s16(sum, 0, 0);
  }
}

/// TFLite's MulElementwise on int16 inputs with zero points 0: zp + scale(a * b), clamped.
inline int32_t lstm_mul(int16_t a, int16_t b, int32_t multiplier, int32_t shift, int32_t zero_point,
                        int32_t lo, int32_t hi) {
  const int32_t prod = int32_t{a} * int32_t{b};
  return clamp_i32(zero_point + multiply_by_quantized_multiplier(prod, multiplier, static_cast<int>(shift)), lo, hi);
}

/// One time step for `rows` rows: x [rows, input], h [rows, state] (updated), c [rows, state] (updated).
inline void lstm_step(const LstmParams& p, const LstmWeights& w, const int8_t* x, int8_t* h, int16_t* c,
                      int32_t rows, int16_t* scratch) {
  const int32_t count = rows * p.state_size;
  int16_t* b0 = scratch;
  int16_t* b1 = scratch + count;
  int16_t* b2 = scratch + 2 * count;
  int16_t* b3 = scratch + 3 * count;
  lstm_gate(p, p.forget, w.forget, x, h, rows, true, b0, b3);
  lstm_gate(p, p.input, w.input, x, h, rows, true, b1, b3);
  lstm_gate(p, p.cell, w.cell, x, h, rows, false, b2, b3);
  for (int32_t i = 0; i < count; ++i) {
    const int32_t kept = lstm_mul(b0[i], c[i], p.forget_mul_multiplier, p.forget_mul_shift, 0, INT16_MIN, INT16_MAX);
    const int32_t added = lstm_mul(b1[i], b2[i], p.input_mul_multiplier, p.input_mul_shift, 0, INT16_MIN, INT16_MAX);
    int32_t v = clamp_i32(kept + added, INT16_MIN, INT16_MAX);
    if (p.cell_clip >= 0) v = clamp_i32(v, -p.cell_clip, p.cell_clip);
    c[i] = static_cast<int16_t>(v);
  }
  // The output gate still sees the previous hidden state: h is only written below.
  lstm_gate(p, p.output, w.output, x, h, rows, true, b1, b3);
  for (int32_t i = 0; i < count; ++i) {
    const int16_t t = tanh_s16(c[i], p.cell_tanh_multiplier, p.cell_tanh_shift);
    h[i] = static_cast<int8_t>(lstm_mul(t, b1[i], p.hidden_mul_multiplier, p.hidden_mul_shift,
                                        p.hidden_zero_point, INT8_MIN, INT8_MAX));
  }
}

}  // namespace detail

/// The whole sequence. Time major: every step processes all batches at once; otherwise each batch runs
/// its own sequence with its own rows of the hidden and cell state (as TFLite Micro does).
inline void lstm_s8(const LstmParams& p, const LstmWeights& w, const int8_t* input, int8_t* hidden_state,
                    int16_t* cell_state, int8_t* output, int16_t* scratch) {
  // scratch: four int16 buffers of batches x state_size (the compiler reserves them).
  const int64_t s = p.state_size;
  const std::size_t row_bytes = static_cast<std::size_t>(s);
  if (p.time_major) {
    for (int32_t t = 0; t < p.time_steps; ++t) {
      detail::lstm_step(p, w, input + int64_t{t} * p.batches * p.input_size, hidden_state, cell_state, p.batches,
                        scratch);
      std::memcpy(output + int64_t{t} * p.batches * s, hidden_state, row_bytes * static_cast<std::size_t>(p.batches));
    }
    return;
  }
  for (int32_t b = 0; b < p.batches; ++b) {
    int8_t* h = hidden_state + b * s;
    int16_t* c = cell_state + b * s;
    for (int32_t t = 0; t < p.time_steps; ++t) {
      const int64_t step = int64_t{b} * p.time_steps + t;
      detail::lstm_step(p, w, input + step * p.input_size, h, c, 1, scratch);
      std::memcpy(output + step * s, h, row_bytes);
    }
  }
}

}  // namespace tinyaot_rt
