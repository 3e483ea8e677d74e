// tinyaot: MUL. int8 (and int16 with zero points 0) quantized multiplication with numpy broadcasting,
// constant operands and a fused activation. TFLite Micro's CalculateOpDataMul runs here: one multiplier
// in1_scale * in2_scale / out_scale (in double) for the int32 product of the offset inputs.
// runtime_min/tinyaot_rt/mul.h computes.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/binary_util.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct MulAttrs : Attrs {
  int activation = 0;  ///< schema ActivationFunctionType, validated in check()
  std::string dump() const override { return fmt::format("activation={}", act_text(activation)); }
};

struct MulPrepared : Prepared {
  int32_t in1_offset = 0, in2_offset = 0, out_offset = 0;
  QuantizedMultiplier m;
  ActRange act;
  BinaryWalk walk;
};

class Mul final : public OpDef {
 public:
  std::string_view name() const override { return "MUL"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::MUL); }
  std::string_view summary() const override {
    return "int8, or int16 with zero points 0; per-tensor quantization, any scales; numpy broadcasting up to "
           "6-D, constant operands; fused NONE/RELU/RELU6/RELU_N1_TO_1";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<MulAttrs>();
    if (const tfl::MulOptions* o = op.builtin_options_as_MulOptions())
      a->activation = static_cast<int>(o->fused_activation_function());
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    check_binary_types(g, op, {DType::kInt8, DType::kInt16}, true);
    checked_activation(g, op, op.attrs_as<MulAttrs>().activation);
    check_binary_shapes(g, op);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in1 = g.tensor(op.inputs[0]);
    const Tensor& in2 = g.tensor(op.inputs[1]);
    const Tensor& out = g.tensor(op.outputs[0]);
    auto p = std::make_shared<MulPrepared>();
    p->in1_offset = -in1.quant.zp();
    p->in2_offset = -in2.quant.zp();
    p->out_offset = out.quant.zp();
    p->m = quantize_multiplier(static_cast<double>(in1.quant.s()) * static_cast<double>(in2.quant.s()) /
                               static_cast<double>(out.quant.s()));
    p->act = output_activation_range(g, op, checked_activation(g, op, op.attrs_as<MulAttrs>().activation));
    p->walk = binary_walk(g, op);
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<MulPrepared>();
    emit_binary_call(e, op, p.walk, "tinyaot_rt/mul.h", "mul", "MulParams",
                     fmt::format("{{/*input1_offset=*/{}, /*input2_offset=*/{}, /*output_offset=*/{}, "
                                 "/*output_multiplier=*/{}, /*output_shift=*/{}, /*act_min=*/{}, /*act_max=*/{}}}",
                                 p.in1_offset, p.in2_offset, p.out_offset, p.m.multiplier, p.m.shift, p.act.min,
                                 p.act.max));
  }
};

}  // namespace

const OpDef& op_Mul() {
  static const Mul def;
  return def;
}

}  // namespace tinyaot
