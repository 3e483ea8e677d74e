// tinyaot: SVDF (singular value decomposition filter), as TFLite Micro's integer reference: int8 input and
// output, int8 feature weights, int8 or int16 time weights with an activation state (variable tensor) of
// the same type, int32 bias. Both rescalings (input -> state, state -> output) are computed here as
// TFLite Micro's PrepareSvdf does (float scale arithmetic, then QuantizeMultiplier); the input and state
// zero points are folded into per-filter and per-unit biases.
#include <fmt/format.h>

#include <cmath>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

constexpr int kInput = 0, kWeightsFeature = 1, kWeightsTime = 2, kBias = 3, kState = 4;

struct SvdfAttrs : Attrs {
  int rank = 0;
  int activation = 0;
  std::string dump() const override { return fmt::format("rank={} activation={}", rank, act_text(activation)); }
};

struct SvdfDims {
  int32_t batches, input_size, num_filters, num_units, memory_size;
};

SvdfDims dims_of(const Graph& g, const Op& op) {
  const Shape& in = g.tensor(op.inputs[kInput]).shape;
  const Shape& wf = g.tensor(op.inputs[kWeightsFeature]).shape;
  const Shape& wt = g.tensor(op.inputs[kWeightsTime]).shape;
  const int rank = op.attrs_as<SvdfAttrs>().rank;
  return {in[0], in[1], wf[0], rank > 0 ? wf[0] / rank : 0, wt[1]};
}

struct SvdfPrepared : Prepared {
  QuantizedMultiplier feature, output;
  std::vector<int32_t> feature_bias, bias;
};

int bias_id(const Op& op) { return op.inputs.size() > std::size_t{kBias} ? op.inputs[kBias] : -1; }

class Svdf final : public OpDef {
 public:
  std::string_view name() const override { return "SVDF"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::SVDF); }
  std::string_view summary() const override {
    return "int8 input/output, int8 feature weights, int8 or int16 time weights and state (variable), int32 "
           "bias (optional), rank >= 1; the fused activation is ignored as TFLite Micro's integer kernel does";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<SvdfAttrs>();
    if (const auto* o = op.builtin_options_as_SVDFOptions()) {
      a->rank = o->rank();
      a->activation = static_cast<int>(o->fused_activation_function());
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    if (op.inputs.size() != 5 || op.outputs.size() != 1)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("expects 5 inputs and 1 output, has {} and {}", op.inputs.size(), op.outputs.size()));
    for (int k : {kInput, kWeightsFeature, kWeightsTime, kState})
      if (op.inputs[static_cast<std::size_t>(k)] < 0)
        op_error(g, op, ErrorKind::kInvalidModel, fmt::format("required input {} is missing", k));
    const int rank = op.attrs_as<SvdfAttrs>().rank;
    const int in = op.inputs[kInput], wf = op.inputs[kWeightsFeature], wt = op.inputs[kWeightsTime];
    const int state = op.inputs[kState], out = op.outputs[0];
    for (int id : {in, wf, wt, state, out})
      if (g.tensor(id).shape.size() != 2)
        op_error(g, op, ErrorKind::kInvalidModel, "must have rank 2", id);
    expect_type(g, op, in, DType::kInt8);
    expect_type(g, op, out, DType::kInt8);
    for (int id : {in, out, state}) expect_per_tensor_quant(g, op, id);
    const int32_t filters = g.tensor(wf).shape[0];
    if (rank <= 0 || filters % rank != 0)
      op_error(g, op, ErrorKind::kInvalidModel, fmt::format("rank {} does not divide the {} filters", rank, filters), wf);
    check_filter(g, op, wf, filters, 0);
    const DType state_type = g.tensor(wt).type;
    if (state_type != DType::kInt8 && state_type != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported, "time weights must be int8 or int16", wt);
    expect_const(g, op, wt);
    expect_per_tensor_quant(g, op, wt);
    expect_type(g, op, state, state_type);
    if (!g.tensor(state).is_variable)
      op_error(g, op, ErrorKind::kInvalidModel, "the activation state must be a variable tensor", state);
    if (g.tensor(wf).quant.per_channel())
      op_error(g, op, ErrorKind::kUnsupported, "per-channel feature weights are not supported", wf);
    const SvdfDims d = dims_of(g, op);
    expect_shape(g, op, wf, {d.num_filters, d.input_size});
    expect_shape(g, op, wt, {d.num_filters, d.memory_size});
    expect_shape(g, op, state, {d.batches, d.memory_size * d.num_filters});
    expect_shape(g, op, out, {d.batches, d.num_units});
    if (const int b = bias_id(op); b >= 0) {
      expect_type(g, op, b, DType::kInt32);
      expect_const(g, op, b);
      expect_shape(g, op, b, {d.num_units});
      // TFLite Micro's PrepareSvdf: |bias scale - state scale * time weight scale| < 1e-5.
      const float product = g.tensor(state).quant.s() * g.tensor(wt).quant.s();
      if (!(std::abs(static_cast<double>(g.tensor(b).quant.s()) - static_cast<double>(product)) < 1e-5))
        op_error(g, op, ErrorKind::kInvalidModel, "bias scale differs from state scale * time weights scale", b);
    }
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const SvdfDims d = dims_of(g, op);
    const Tensor& in = g.tensor(op.inputs[kInput]);
    const Tensor& wf = g.tensor(op.inputs[kWeightsFeature]);
    const Tensor& wt = g.tensor(op.inputs[kWeightsTime]);
    const Tensor& state = g.tensor(op.inputs[kState]);
    const Tensor& out = g.tensor(op.outputs[0]);
    auto p = std::make_shared<SvdfPrepared>();
    // As PrepareSvdf: the scale products and quotients in float, widened to double for QuantizeMultiplier.
    const float s1 = in.quant.s() * wf.quant.s() / state.quant.s();
    const float s2 = state.quant.s() * wt.quant.s() / out.quant.s();
    p->feature = quantize_multiplier(static_cast<double>(s1));
    p->output = quantize_multiplier(static_cast<double>(s2));
    p->feature_bias = fold_bias(nullptr, filter_sums(wf, d.num_filters, false), in.quant.zp());
    // Time weights summed per unit (its `rank` consecutive filters), for the state zero point.
    std::vector<int64_t> unit_sums(static_cast<std::size_t>(d.num_units), 0);
    const int64_t per_unit = int64_t{d.num_filters / d.num_units} * d.memory_size;
    for (int64_t i = 0; i < wt.num_elements(); ++i) {
      const int64_t w = wt.type == DType::kInt8 ? wt.data_as<int8_t>()[i] : wt.data_as<int16_t>()[i];
      unit_sums[static_cast<std::size_t>(i / per_unit)] += w;
    }
    const int b = bias_id(op);
    p->bias = fold_bias(b >= 0 ? &g.tensor(b) : nullptr, unit_sums, state.quant.zp());
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const auto& p = op.prepared_as<SvdfPrepared>();
    const SvdfDims d = dims_of(g, op);
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/svdf.h");
    e.decl(fmt::format(R"(constexpr tinyaot_rt::SvdfParams {prefix}_params = {{
    /*batches=*/{b}, /*input_size=*/{i}, /*num_filters=*/{f}, /*num_units=*/{u}, /*rank=*/{r}, /*memory_size=*/{m},
    /*state_zero_point=*/{szp}, /*output_zero_point=*/{ozp},
    /*feature_multiplier=*/{fm}, /*feature_shift=*/{fs}, /*output_multiplier=*/{om}, /*output_shift=*/{os}}};)",
                       fmt::arg("prefix", prefix), fmt::arg("b", d.batches), fmt::arg("i", d.input_size),
                       fmt::arg("f", d.num_filters), fmt::arg("u", d.num_units),
                       fmt::arg("r", op.attrs_as<SvdfAttrs>().rank), fmt::arg("m", d.memory_size),
                       fmt::arg("szp", g.tensor(op.inputs[kState]).quant.zp()),
                       fmt::arg("ozp", g.tensor(op.outputs[0]).quant.zp()), fmt::arg("fm", p.feature.multiplier),
                       fmt::arg("fs", p.feature.shift), fmt::arg("om", p.output.multiplier),
                       fmt::arg("os", p.output.shift)));
    e.code(fmt::format(R"(tinyaot_rt::svdf_s8({prefix}_params,
    /*input=*/{in},
    /*weights_feature=*/{wf}, /*feature_bias=*/{fb},
    /*weights_time=*/{wt}, /*bias=*/{bias},
    /*state=*/{state},
    /*output=*/{out});)",
                       fmt::arg("prefix", prefix), fmt::arg("in", e.ptr(op.inputs[kInput])),
                       fmt::arg("wf", e.ptr(op.inputs[kWeightsFeature])),
                       fmt::arg("fb", e.const_array(prefix + "_feature_bias", std::span<const int32_t>(p.feature_bias))),
                       fmt::arg("wt", e.ptr(op.inputs[kWeightsTime])),
                       fmt::arg("bias", e.const_array(prefix + "_bias", std::span<const int32_t>(p.bias))),
                       fmt::arg("state", e.ptr(op.inputs[kState])), fmt::arg("out", e.ptr(op.outputs[0]))));
  }
};

}  // namespace

const OpDef& op_Svdf() {
  static const Svdf def;
  return def;
}

}  // namespace tinyaot
