// tinyaot: SUB. int8 (and int16) quantized subtraction with numpy broadcasting and a fused activation.
// TFLite Micro's CalculateOpDataSub runs here. Unlike ADD's, its scale ratios are float divisions
// (widened to double only afterwards), which can move a multiplier by one LSB, so SUB has its own Prepare.
// runtime_min/tinyaot_rt/sub.h computes with ADD's parameter struct.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/binary_util.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct SubAttrs : Attrs {
  int activation = 0;  ///< schema ActivationFunctionType, validated in check()
  std::string dump() const override { return fmt::format("activation={}", act_text(activation)); }
};

struct SubPrepared : Prepared {
  int32_t in1_offset = 0, in2_offset = 0, out_offset = 0, left_shift = 0;
  QuantizedMultiplier m1, m2, mout;
  ActRange act;
  BinaryWalk walk;
};

class Sub final : public OpDef {
 public:
  std::string_view name() const override { return "SUB"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::SUB); }
  std::string_view summary() const override {
    return "int8, or int16 with zero points 0; per-tensor quantization, any scales (output multiplier < 1); "
           "numpy broadcasting up to 6-D, constant operands; fused NONE/RELU/RELU6/RELU_N1_TO_1";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<SubAttrs>();
    if (const tfl::SubOptions* o = op.builtin_options_as_SubOptions())
      a->activation = static_cast<int>(o->fused_activation_function());
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    check_binary_types(g, op, {DType::kInt8, DType::kInt16}, true);
    checked_activation(g, op, op.attrs_as<SubAttrs>().activation);
    check_binary_shapes(g, op);
    if (multipliers(g, op).mout.shift > 0)
      op_error(g, op, ErrorKind::kUnsupported,
               "output scale is too small relative to the input scales (TFLite requires the output multiplier "
               "below 1)",
               op.outputs[0]);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    auto p = std::make_shared<SubPrepared>(multipliers(g, op));
    p->in1_offset = -g.tensor(op.inputs[0]).quant.zp();
    p->in2_offset = -g.tensor(op.inputs[1]).quant.zp();
    p->out_offset = g.tensor(op.outputs[0]).quant.zp();
    p->act = output_activation_range(g, op, checked_activation(g, op, op.attrs_as<SubAttrs>().activation));
    p->walk = binary_walk(g, op);
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<SubPrepared>();
    emit_binary_call(
        e, op, p.walk, "tinyaot_rt/sub.h", "sub", "AddParams",
        fmt::format(R"({{
    /*input1_offset=*/{}, /*input2_offset=*/{}, /*output_offset=*/{}, /*left_shift=*/{},
    /*input1_multiplier=*/{}, /*input1_shift=*/{}, /*input2_multiplier=*/{}, /*input2_shift=*/{},
    /*output_multiplier=*/{}, /*output_shift=*/{}, /*act_min=*/{}, /*act_max=*/{}}})",
                    p.in1_offset, p.in2_offset, p.out_offset, p.left_shift, p.m1.multiplier, p.m1.shift,
                    p.m2.multiplier, p.m2.shift, p.mout.multiplier, p.mout.shift, p.act.min, p.act.max));
  }

 private:
  /// TFLite Micro's CalculateOpDataSub: every ratio is computed in float, then widened to double.
  static SubPrepared multipliers(const Graph& g, const Op& op) {
    const float s1 = g.tensor(op.inputs[0]).quant.s();
    const float s2 = g.tensor(op.inputs[1]).quant.s();
    const float so = g.tensor(op.outputs[0]).quant.s();
    SubPrepared p;
    p.left_shift = g.tensor(op.outputs[0]).type == DType::kInt16 ? 15 : 20;
    const float twice_max = 2 * std::max(s1, s2);
    p.m1 = quantize_multiplier_smaller_than_one(static_cast<double>(s1 / twice_max));
    p.m2 = quantize_multiplier_smaller_than_one(static_cast<double>(s2 / twice_max));
    p.mout = quantize_multiplier_smaller_than_one(
        static_cast<double>(twice_max / (static_cast<float>(1 << p.left_shift) * so)));
    return p;
  }
};

}  // namespace

const OpDef& op_Sub() {
  static const Sub def;
  return def;
}

}  // namespace tinyaot
