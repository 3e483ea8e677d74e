// tinyaot: TANH, int8 only (output scale 1/128, zero point 0, as TFLite requires). TFLite Micro's Prepare
// (input multiplier, left shift and saturation radius for a Q4.27 input) runs in sigmoid_util.cpp;
// runtime_min/tinyaot_rt/tanh.h computes with gemmlowp's fixed-point tanh.
#include "compiler/emit/emit_context.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/sigmoid_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct TanhPrepared : Prepared {
  SigmoidScaling scaling;
};

class Tanh final : public OpDef {
 public:
  std::string_view name() const override { return "TANH"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::TANH); }
  std::string_view summary() const override {
    return "int8; output scale 1/128, zero point 0; any input scale in [2^-28, 16), any input zero point";
  }

  void check(const Graph& g, const Op& op) const override { check_sigmoid_op(g, op, 1.0f / 128, 0); }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    auto p = std::make_shared<TanhPrepared>();
    p->scaling = sigmoid_scaling(g.tensor(op.inputs[0]).quant.s());
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    emit_sigmoid_call(e, g, op, op.prepared_as<TanhPrepared>().scaling, "tinyaot_rt/tanh.h", "tanh_s8");
  }
};

}  // namespace

const OpDef& op_Tanh() {
  static const Tanh def;
  return def;
}

}  // namespace tinyaot
