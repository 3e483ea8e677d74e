// tinyaot: UNIDIRECTIONAL_SEQUENCE_LSTM checks and compile-time parameters (see lstm_util.h).
#include "compiler/ops/lstm_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"

namespace tinyaot {

namespace {

/// Q3.12, the FC output / activation input of every gate; Q0.15, every gate's output.
constexpr float kGateInputScale = 0.000244140625f;     // 2^-12
constexpr float kGateOutputScale = 0.000030517578125f;  // 2^-15

void expect_elements(const Graph& g, const Op& op, int id, int64_t n, const char* what) {
  if (g.tensor(id).num_elements() != n)
    op_error(g, op, ErrorKind::kInvalidModel,
             fmt::format("{} has {} elements, expected batches x state size = {}", what,
                         g.tensor(id).num_elements(), n),
             id);
}

void expect_state(const Graph& g, const Op& op, int id, DType type, const LstmDims& d, const char* what) {
  expect_type(g, op, id, type);
  expect_per_tensor_quant(g, op, id);
  if (!g.tensor(id).is_variable)
    op_error(g, op, ErrorKind::kInvalidModel, fmt::format("the {} must be a variable tensor", what), id);
  expect_elements(g, op, id, int64_t{d.batches} * d.state_size, what);
}

QuantizedMultiplier fc_multiplier(float input_scale, float weight_scale) {
  const ChannelMultipliers m = fc_per_tensor_multipliers(input_scale, weight_scale, kGateInputScale, 1);
  return {m.multiplier[0], m.shift[0]};
}

/// TFLite Micro's CreateInterGateMulParams: double product of the input scales over the output scale.
QuantizedMultiplier mul_multiplier(float a, float b, float out) {
  return quantize_multiplier(static_cast<double>(a) * static_cast<double>(b) / static_cast<double>(out));
}

}  // namespace

LstmDims lstm_dims(const Graph& g, const Op& op, bool time_major) {
  const Shape& in = g.tensor(op.inputs[lstm_input::kInput]).shape;
  const Shape& h = g.tensor(op.inputs[lstm_input::kOutputState]).shape;
  LstmDims d;
  d.time_major = time_major;
  d.batches = time_major ? in[1] : in[0];
  d.time_steps = time_major ? in[0] : in[1];
  d.input_size = in[2];
  d.state_size = h[1];
  return d;
}

void check_lstm_tensors(const Graph& g, const Op& op, const LstmDims& d) {
  using namespace lstm_input;
  const int32_t s = d.state_size, n_in = d.input_size;
  for (const LstmGateIds& gate : kLstmGates) {
    const int w_in = op.inputs[static_cast<std::size_t>(gate.input_weights)];
    const int w_rec = op.inputs[static_cast<std::size_t>(gate.recurrent_weights)];
    const int bias = op.inputs[static_cast<std::size_t>(gate.bias)];
    for (int w : {w_in, w_rec}) {
      check_filter(g, op, w, s, 0);
      if (g.tensor(w).quant.per_channel())
        op_error(g, op, ErrorKind::kUnsupported,
                 fmt::format("{} gate weights are quantized per channel; only per-tensor weights are supported",
                             gate.name),
                 w);
    }
    expect_shape(g, op, w_in, {s, n_in});
    expect_shape(g, op, w_rec, {s, s});
    expect_type(g, op, bias, DType::kInt32);
    expect_const(g, op, bias);
    expect_shape(g, op, bias, {s});
  }
  expect_state(g, op, op.inputs[kOutputState], DType::kInt8, d, "hidden state");
  expect_state(g, op, op.inputs[kCellState], DType::kInt16, d, "cell state");
  if (g.tensor(op.inputs[kCellState]).quant.zp() != 0)
    op_error(g, op, ErrorKind::kUnsupported, "the cell state must have zero point 0", op.inputs[kCellState]);
  const int out = op.outputs[0];
  expect_type(g, op, out, DType::kInt8);
  expect_per_tensor_quant(g, op, out);
  const Shape& in_shape = g.tensor(op.inputs[kInput]).shape;
  const Shape& out_shape = g.tensor(out).shape;
  if (out_shape.size() != 3 || out_shape[0] != in_shape[0] || out_shape[1] != in_shape[1] || out_shape[2] != s)
    op_error(g, op, ErrorKind::kInvalidModel,
             fmt::format("output shape {} should be [{}, {}, {}]", describe(g.tensor(out)), in_shape[0], in_shape[1], s),
             out);
}

int tflite_checked_log2(float x, bool* exact) {
  const float x_log2 = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(x_log2);
  if (exact) *exact = std::abs(x_log2 - rounded) < 1e-3f;
  return static_cast<int>(rounded);
}

std::shared_ptr<LstmPrepared> prepare_lstm(const Graph& g, const Op& op, bool time_major, float cell_clip) {
  using namespace lstm_input;
  auto p = std::make_shared<LstmPrepared>();
  p->dims = lstm_dims(g, op, time_major);
  const Tensor& input = g.tensor(op.inputs[kInput]);
  const Tensor& hidden = g.tensor(op.inputs[kOutputState]);
  const float cell_scale = g.tensor(op.inputs[kCellState]).quant.s();
  const int32_t s = p->dims.state_size;
  for (std::size_t k = 0; k < kLstmGates.size(); ++k) {
    const Tensor& w_in = g.tensor(op.inputs[static_cast<std::size_t>(kLstmGates[k].input_weights)]);
    const Tensor& w_rec = g.tensor(op.inputs[static_cast<std::size_t>(kLstmGates[k].recurrent_weights)]);
    const Tensor& bias = g.tensor(op.inputs[static_cast<std::size_t>(kLstmGates[k].bias)]);
    LstmGatePrepared& gate = p->gates[k];
    gate.input_fc = fc_multiplier(input.quant.s(), w_in.quant.s());
    gate.recurrent_fc = fc_multiplier(hidden.quant.s(), w_rec.quant.s());
    // Input FC: the gate bias with the input zero point folded in; recurrent FC: no bias in TFLite, only
    // the hidden state's zero point to fold (none when it is 0).
    gate.input_bias = fold_bias(&bias, filter_sums(w_in, s, false), input.quant.zp());
    if (hidden.quant.zp() != 0) gate.recurrent_bias = fold_bias(nullptr, filter_sums(w_rec, s, false), hidden.quant.zp());
  }
  p->forget_mul = mul_multiplier(kGateOutputScale, cell_scale, cell_scale);
  p->input_mul = mul_multiplier(kGateOutputScale, kGateOutputScale, cell_scale);
  p->hidden_mul = mul_multiplier(kGateOutputScale, kGateOutputScale, hidden.quant.s());
  p->hidden_zero_point = hidden.quant.zp();
  if (cell_clip > 0.0f) {
    // CreateLstmCellStateInfo: in double, clamped to the int16 range, truncated.
    const double q = std::min(std::max(static_cast<double>(cell_clip) / static_cast<double>(cell_scale), -32768.0), 32767.0);
    p->cell_clip = static_cast<int16_t>(q);
  }
  // lstm_internal::Tanh: the Q3.12 input of the int16 tanh, from the cell scale 2^power.
  const int power = tflite_checked_log2(cell_scale, nullptr);
  int32_t left_shift = 15 + power - 3;
  if (left_shift < 0) {
    p->cell_tanh_multiplier = 3;
    left_shift = -left_shift;
  }
  p->cell_tanh_shift = left_shift;
  return p;
}

}  // namespace tinyaot
