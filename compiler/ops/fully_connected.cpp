// tinyaot: FULLY_CONNECTED. int8 (and int16x8) matrix times vector(s): filter [output_depth, accum_depth]
// quantized per tensor or per output channel, optional bias. Any input rank: rows of accum_depth values are
// the batches (keep_num_dims only changes the output's shape, which the model states). The input zero
// point is folded into the bias at compile time (exact: FC has no padding).
#include <fmt/format.h>

#include <cmath>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct FcAttrs : Attrs {
  int activation = 0;  ///< schema ActivationFunctionType, validated in check()
  bool keep_num_dims = false;
  bool default_weights_format = true;
  std::string dump() const override {
    return fmt::format("activation={} keep_num_dims={} weights_format={}", act_text(activation), keep_num_dims,
                       default_weights_format ? "DEFAULT" : "SHUFFLED4x16INT8");
  }
};

/// Shapes read once: filter [output_depth, accum_depth]; batches = input elements / accum_depth.
struct FcDims {
  int32_t batches, accum, out;
};

FcDims dims_of(const Graph& g, const Op& op) {
  const Shape& f = g.tensor(op.inputs[1]).shape;
  const int64_t in_n = g.tensor(op.inputs[0]).num_elements();
  return {f[1] > 0 ? static_cast<int32_t>(in_n / f[1]) : 0, f[1], f[0]};
}

class FullyConnected final : public OpDef {
 public:
  std::string_view name() const override { return "FULLY_CONNECTED"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::FULLY_CONNECTED); }
  std::string_view summary() const override {
    return "int8 (or int16 activations with int8 weights, int64 bias); filter [out, in] int8 per-tensor or "
           "per-channel, symmetric; any input rank, keep_num_dims; bias optional; fused "
           "NONE/RELU/RELU6/RELU_N1_TO_1";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<FcAttrs>();
    // The options table may be absent: every field then has its default.
    if (const tfl::FullyConnectedOptions* o = op.builtin_options_as_FullyConnectedOptions()) {
      a->activation = static_cast<int>(o->fused_activation_function());
      a->keep_num_dims = o->keep_num_dims();
      a->default_weights_format = o->weights_format() == tfl::FullyConnectedOptionsWeightsFormat::DEFAULT;
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 3, 1);
    const auto& a = op.attrs_as<FcAttrs>();
    const DType t = check_activations(g, op);
    if (!a.default_weights_format)
      op_error(g, op, ErrorKind::kUnsupported, "shuffled weights format is not supported (DEFAULT only)");
    const Tensor& f = g.tensor(op.inputs[1]);
    if (f.shape.size() != 2 || f.shape[0] <= 0 || f.shape[1] <= 0)
      op_error(g, op, ErrorKind::kInvalidModel, "filter must have shape [output depth, input depth]",
               op.inputs[1]);
    const FcDims d = dims_of(g, op);
    const Tensor& in = g.tensor(op.inputs[0]);
    if (in.num_elements() % d.accum != 0)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("input has {} elements, not a multiple of the filter's input depth {}",
                           in.num_elements(), d.accum),
               op.inputs[0]);
    check_filter(g, op, op.inputs[1], d.out, 0);
    const int bias_id = optional_bias(op);
    check_bias(g, op, bias_id, d.out, t, false);
    // TFLite Micro only uses the output shape: its last dimension is the depth, the rest the batches.
    const Tensor& out = g.tensor(op.outputs[0]);
    if (out.shape.empty() || out.shape.back() != d.out || out.num_elements() != int64_t{d.batches} * d.out)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("output shape {} does not hold {} rows of {} values", describe(out), d.batches, d.out),
               op.outputs[0]);
    // TFLite Micro's per-tensor path refuses a bias scale far from input_scale * filter_scale.
    if (!f.quant.per_channel() && bias_id >= 0 && g.tensor(bias_id).quant.present()) {
      const double product = static_cast<double>(in.quant.s()) * static_cast<double>(f.quant.s());
      const double diff = std::abs(product - static_cast<double>(g.tensor(bias_id).quant.s()));
      if (diff / static_cast<double>(out.quant.s()) > 0.02)
        op_error(g, op, ErrorKind::kInvalidModel, "bias scale differs from input scale * filter scale", bias_id);
    }
    checked_activation(g, op, a.activation);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const auto& a = op.attrs_as<FcAttrs>();
    const FcDims d = dims_of(g, op);
    const Tensor& filter = g.tensor(op.inputs[1]);
    const float in_s = g.tensor(op.inputs[0]).quant.s(), out_s = g.tensor(op.outputs[0]).quant.s();
    auto p = std::make_shared<ConvPrepared>();
    p->act = output_activation_range(g, op, checked_activation(g, op, a.activation));
    // Per-channel and per-tensor round differently (double vs float scale product), as in TFLite.
    p->mult = filter.quant.per_channel() ? conv_multipliers(in_s, filter.quant.scale, out_s, d.out)
                                         : fc_per_tensor_multipliers(in_s, filter.quant.s(), out_s, d.out);
    prepare_bias(*p, g, op, optional_bias(op), filter_sums(filter, d.out, false));
    return p;
  }

  int64_t macs(const Graph& g, const Op& op) const override {
    const FcDims d = dims_of(g, op);
    return int64_t{d.batches} * d.accum * d.out;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const auto& p = op.prepared_as<ConvPrepared>();
    const FcDims d = dims_of(g, op);
    e.use_runtime("tinyaot_rt/fully_connected.h");
    const std::string params = e.op_prefix() + "_params";
    e.decl(fmt::format(R"(constexpr tinyaot_rt::FullyConnectedParams {name} = {{
    /*batches=*/{batches}, /*accum_depth=*/{accum}, /*output_depth=*/{out},
    /*output_zero_point=*/{out_zp}, /*act_min=*/{act_min}, /*act_max=*/{act_max}}};)",
                       fmt::arg("name", params), fmt::arg("batches", d.batches), fmt::arg("accum", d.accum),
                       fmt::arg("out", d.out), fmt::arg("out_zp", g.tensor(op.outputs[0]).quant.zp()),
                       fmt::arg("act_min", p.act.min), fmt::arg("act_max", p.act.max)));
    emit_conv_call(e, op, "fully_connected", params, p);
  }
};

}  // namespace

const OpDef& op_FullyConnected() {
  static const FullyConnected def;
  return def;
}

}  // namespace tinyaot
