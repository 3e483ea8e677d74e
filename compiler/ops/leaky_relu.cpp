// tinyaot: LEAKY_RELU. int8, or int16 with zero points 0; any alpha (also negative or above 1). TFLite
// Micro's CalculateOpDataLeakyRelu runs here: in_scale * alpha / out_scale and in_scale / out_scale are
// float expressions widened to double before QuantizeMultiplier. runtime_min/tinyaot_rt/leaky_relu.h
// computes.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct LeakyReluAttrs : Attrs {
  float alpha = 0.0f;  ///< TFLite Micro leaves it 0 when the options are absent
  std::string dump() const override { return fmt::format("alpha={}", alpha); }
};

struct LeakyReluPrepared : Prepared {
  int64_t size = 0;
  QuantizedMultiplier identity, alpha;
};

class LeakyRelu final : public OpDef {
 public:
  std::string_view name() const override { return "LEAKY_RELU"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::LEAKY_RELU); }
  std::string_view summary() const override {
    return "int8, or int16 with zero points 0; per-tensor quantization, any scales, any alpha";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<LeakyReluAttrs>();
    if (const tfl::LeakyReluOptions* o = op.builtin_options_as_LeakyReluOptions()) a->alpha = o->alpha();
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const DType t = g.tensor(in_id).type;
    if (t != DType::kInt8 && t != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; LEAKY_RELU supports int8 and int16", dtype_name(t)), in_id);
    expect_type(g, op, out_id, t);
    for (int id : {in_id, out_id}) {
      expect_per_tensor_quant(g, op, id);
      if (!(g.tensor(id).quant.s() > 0.0f)) op_error(g, op, ErrorKind::kInvalidModel, "scale must be positive", id);
      if (t == DType::kInt16 && g.tensor(id).quant.zp() != 0)
        op_error(g, op, ErrorKind::kUnsupported, "int16 LEAKY_RELU needs zero point 0", id);
    }
    expect_shape(g, op, out_id, g.tensor(in_id).shape);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const float in_scale = g.tensor(op.inputs[0]).quant.s();
    const float out_scale = g.tensor(op.outputs[0]).quant.s();
    auto p = std::make_shared<LeakyReluPrepared>();
    p->size = g.tensor(op.inputs[0]).num_elements();
    p->alpha = quantize_multiplier(static_cast<double>(in_scale * op.attrs_as<LeakyReluAttrs>().alpha / out_scale));
    p->identity = quantize_multiplier(static_cast<double>(in_scale / out_scale));
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const auto& p = op.prepared_as<LeakyReluPrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/leaky_relu.h");
    e.decl(fmt::format(R"(constexpr tinyaot_rt::LeakyReluParams {}_params = {{
    /*size=*/{}, /*input_zero_point=*/{}, /*output_zero_point=*/{},
    /*output_multiplier_identity=*/{}, /*output_shift_identity=*/{},
    /*output_multiplier_alpha=*/{}, /*output_shift_alpha=*/{}}};)",
                       prefix, p.size, g.tensor(op.inputs[0]).quant.zp(), g.tensor(op.outputs[0]).quant.zp(),
                       p.identity.multiplier, p.identity.shift, p.alpha.multiplier, p.alpha.shift));
    e.code(fmt::format("tinyaot_rt::leaky_relu({}_params, {}, {});", prefix, e.ptr(op.inputs[0]),
                       e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_LeakyRelu() {
  static const LeakyRelu def;
  return def;
}

}  // namespace tinyaot
