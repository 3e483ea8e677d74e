// tinyaot: UNIDIRECTIONAL_SEQUENCE_LSTM, the standard (Keras) LSTM as TFLite Micro runs it: int8 input,
// output and hidden state, int8 per-tensor weights, int32 biases, int16 cell state; no peephole, projection,
// layer normalization or CIFG. The hidden and cell states are variable tensors in the arena (reset() puts
// them in TFLite Micro's initial state); the compile-time work is in lstm_util.cpp.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/lstm_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct LstmAttrs : Attrs {
  int activation = 0;  ///< the cell gate's activation (schema ActivationFunctionType)
  float cell_clip = 0.0f, proj_clip = 0.0f;
  bool time_major = false;
  bool diagonal_recurrent = false;
  std::string dump() const override {
    return fmt::format("activation={} cell_clip={} proj_clip={} time_major={}", act_text(activation), cell_clip,
                       proj_clip, time_major);
  }
};

constexpr int kActTanh = static_cast<int>(tfl::ActivationFunctionType::TANH);

std::string multiplier_text(const QuantizedMultiplier& q) { return fmt::format("{}, {}", q.multiplier, q.shift); }

class UnidirectionalSequenceLstm final : public OpDef {
 public:
  std::string_view name() const override { return "UNIDIRECTIONAL_SEQUENCE_LSTM"; }
  int builtin_code() const override {
    return static_cast<int>(tfl::BuiltinOperator::UNIDIRECTIONAL_SEQUENCE_LSTM);
  }
  std::string_view summary() const override {
    return "int8 input/output/hidden state, int16 cell state (zero point 0), int8 per-tensor symmetric weights, "
           "int32 biases; cell gate TANH; cell_clip; time_major or batch major; no peephole, projection, "
           "layer norm or CIFG (as TFLite Micro)";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<LstmAttrs>();
    if (const auto* o = op.builtin_options_as_UnidirectionalSequenceLSTMOptions()) {
      a->activation = static_cast<int>(o->fused_activation_function());
      a->cell_clip = o->cell_clip();
      a->proj_clip = o->proj_clip();
      a->time_major = o->time_major();
      a->diagonal_recurrent = o->diagonal_recurrent_tensors();
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    using namespace lstm_input;
    const auto& a = op.attrs_as<LstmAttrs>();
    if (op.inputs.size() != static_cast<std::size_t>(kCount) || op.outputs.size() != 1)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("expects {} inputs and 1 output, has {} and {}", kCount, op.inputs.size(),
                           op.outputs.size()));
    for (int k = 0; k < kCount; ++k) {
      const bool variant = (k >= 9 && k <= 11) || k == 16 || k == 17 || k >= 20;
      const bool present = op.inputs[static_cast<std::size_t>(k)] >= 0;
      if (variant && present)
        op_error(g, op, ErrorKind::kUnsupported,
                 fmt::format("input {} is set: peephole, projection and layer-normalized LSTMs are not supported", k),
                 op.inputs[static_cast<std::size_t>(k)]);
      if (!variant && !present)
        op_error(g, op, ErrorKind::kUnsupported,
                 fmt::format("input {} is missing (CIFG LSTMs without input gate are not supported)", k));
    }
    if (a.diagonal_recurrent)
      op_error(g, op, ErrorKind::kUnsupported, "diagonal recurrent weights are not supported");
    // TFLite Micro only evaluates TANH here (sigmoid cannot be expressed in the schema); others assert.
    if (a.activation != kActTanh)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("cell gate activation {} is not supported (TANH only)", act_text(a.activation)));
    if (!(a.cell_clip >= 0.0f))
      op_error(g, op, ErrorKind::kInvalidModel, fmt::format("cell_clip {} is negative", a.cell_clip));
    const int in = op.inputs[kInput];
    expect_type(g, op, in, DType::kInt8);
    expect_per_tensor_quant(g, op, in);
    if (g.tensor(in).shape.size() != 3)
      op_error(g, op, ErrorKind::kInvalidModel, "input must have rank 3 ([batch, time, input] or time major)", in);
    const int h = op.inputs[kOutputState];
    if (g.tensor(h).shape.size() != 2)
      op_error(g, op, ErrorKind::kUnsupported, "hidden state must have shape [batch, state]", h);
    const LstmDims d = lstm_dims(g, op, a.time_major);
    if (d.batches <= 0 || d.time_steps <= 0 || d.input_size <= 0 || d.state_size <= 0)
      op_error(g, op, ErrorKind::kInvalidModel, "empty input or state", in);
    check_lstm_tensors(g, op, d);
    bool exact = false;
    const int power = tflite_checked_log2(g.tensor(op.inputs[kCellState]).quant.s(), &exact);
    if (!exact || power < -27 || power > -1)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("cell state scale {} is not a power of two in [2^-27, 2^-1]",
                           g.tensor(op.inputs[kCellState]).quant.s()),
               op.inputs[kCellState]);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const auto& a = op.attrs_as<LstmAttrs>();
    return prepare_lstm(g, op, a.time_major, a.cell_clip);
  }

  std::size_t scratch_bytes(const Graph& g, const Op& op) const override {
    const LstmDims d = lstm_dims(g, op, op.attrs_as<LstmAttrs>().time_major);
    // Four int16 buffers of batches x state, as TFLite Micro requests.
    return std::size_t{4} * static_cast<std::size_t>(d.batches) * static_cast<std::size_t>(d.state_size) * 2;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    using namespace lstm_input;
    const auto& p = op.prepared_as<LstmPrepared>();
    e.use_runtime("tinyaot_rt/lstm.h");
    const std::string prefix = e.op_prefix();
    std::string gate_params, gate_weights;
    for (std::size_t k = 0; k < kLstmGates.size(); ++k) {
      const LstmGateIds& ids = kLstmGates[k];
      const LstmGatePrepared& q = p.gates[k];
      gate_params += fmt::format("\n    /*{}=*/{{{}, {}}},", ids.name, multiplier_text(q.input_fc),
                                 multiplier_text(q.recurrent_fc));
      auto bias = [&](const std::vector<int32_t>& v, const char* what) {
        return v.empty() ? std::string("nullptr")
                         : e.const_array(fmt::format("{}_{}_{}_bias", prefix, ids.name, what), std::span<const int32_t>(v));
      };
      gate_weights += fmt::format("\n    /*{}=*/{{{}, {},\n        {}, {}}},", ids.name,
                                  e.ptr(op.inputs[static_cast<std::size_t>(ids.input_weights)]), bias(q.input_bias, "input"),
                                  e.ptr(op.inputs[static_cast<std::size_t>(ids.recurrent_weights)]),
                                  bias(q.recurrent_bias, "recurrent"));
    }
    gate_weights.pop_back();  // trailing comma
    e.decl(fmt::format(R"(constexpr tinyaot_rt::LstmParams {prefix}_params = {{
    /*batches=*/{b}, /*time_steps=*/{t}, /*input_size=*/{i}, /*state_size=*/{s}, /*time_major=*/{tm},{gates}
    /*forget_mul=*/{fm}, /*input_mul=*/{im}, /*hidden_mul=*/{hm}, /*hidden_zero_point=*/{hzp},
    /*cell_clip=*/{clip}, /*cell_tanh=*/{tanh_m}, {tanh_s}}};
constexpr tinyaot_rt::LstmWeights {prefix}_weights = {{{weights}}};)",
                       fmt::arg("prefix", prefix), fmt::arg("b", p.dims.batches), fmt::arg("t", p.dims.time_steps),
                       fmt::arg("i", p.dims.input_size), fmt::arg("s", p.dims.state_size),
                       fmt::arg("tm", p.dims.time_major), fmt::arg("gates", gate_params),
                       fmt::arg("fm", multiplier_text(p.forget_mul)),
                       fmt::arg("im", multiplier_text(p.input_mul)), fmt::arg("hm", multiplier_text(p.hidden_mul)),
                       fmt::arg("hzp", p.hidden_zero_point), fmt::arg("clip", p.cell_clip),
                       fmt::arg("tanh_m", p.cell_tanh_multiplier), fmt::arg("tanh_s", p.cell_tanh_shift),
                       fmt::arg("weights", gate_weights)));
    e.code(fmt::format(R"(tinyaot_rt::lstm_s8({prefix}_params, {prefix}_weights,
    /*input=*/{in},
    /*hidden_state=*/{h},
    /*cell_state=*/{c},
    /*output=*/{out},
    /*scratch=*/{scratch});)",
                       fmt::arg("prefix", prefix), fmt::arg("in", e.ptr(op.inputs[kInput])),
                       fmt::arg("h", e.ptr(op.inputs[kOutputState])), fmt::arg("c", e.ptr(op.inputs[kCellState])),
                       fmt::arg("out", e.ptr(op.outputs[0])), fmt::arg("scratch", e.scratch(op, "int16_t"))));
  }
};

}  // namespace

const OpDef& op_UnidirectionalSequenceLstm() {
  static const UnidirectionalSequenceLstm def;
  return def;
}

}  // namespace tinyaot
