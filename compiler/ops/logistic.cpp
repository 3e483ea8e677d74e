// tinyaot: LOGISTIC, int8 only (output scale 1/256, zero point -128, as TFLite requires). TFLite Micro's Prepare
// (input multiplier, left shift and saturation radius for a Q4.27 input) runs in sigmoid_util.cpp;
// runtime_min/tinyaot_rt/logistic.h computes with gemmlowp's fixed-point logistic.
#include "compiler/emit/emit_context.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/sigmoid_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct LogisticPrepared : Prepared {
  SigmoidScaling scaling;
};

class Logistic final : public OpDef {
 public:
  std::string_view name() const override { return "LOGISTIC"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::LOGISTIC); }
  std::string_view summary() const override {
    return "int8; output scale 1/256, zero point -128; any input scale in [2^-28, 16), any input zero point";
  }

  void check(const Graph& g, const Op& op) const override { check_sigmoid_op(g, op, 1.0f / 256, -128); }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    auto p = std::make_shared<LogisticPrepared>();
    p->scaling = sigmoid_scaling(g.tensor(op.inputs[0]).quant.s());
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    emit_sigmoid_call(e, g, op, op.prepared_as<LogisticPrepared>().scaling, "tinyaot_rt/logistic.h", "logistic_s8");
  }
};

}  // namespace

const OpDef& op_Logistic() {
  static const Logistic def;
  return def;
}

}  // namespace tinyaot
