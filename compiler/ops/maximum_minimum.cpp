// tinyaot: MAXIMUM and MINIMUM. int8 or int16, numpy broadcasting, constant operands. TFLite Micro compares
// the stored integers without requantizing, so the inputs and the output must share one quantization (what
// the converter always produces); we check it rather than silently compute something else.
// runtime_min/tinyaot_rt/maximum_minimum.h computes.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/binary_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct MaxMinPrepared : Prepared {
  BinaryWalk walk;
};

class MaximumMinimum final : public OpDef {
 public:
  explicit MaximumMinimum(bool maximum) : maximum_(maximum) {}

  std::string_view name() const override { return maximum_ ? "MAXIMUM" : "MINIMUM"; }
  int builtin_code() const override {
    return static_cast<int>(maximum_ ? tfl::BuiltinOperator::MAXIMUM : tfl::BuiltinOperator::MINIMUM);
  }
  std::string_view summary() const override {
    return "int8 or int16; both inputs and the output with the same per-tensor scale and zero point (the "
           "stored values are compared); numpy broadcasting up to 6-D, constant operands";
  }

  void check(const Graph& g, const Op& op) const override {
    check_binary_types(g, op, {DType::kInt8, DType::kInt16}, false);
    const Quant& q = g.tensor(op.outputs[0]).quant;
    for (int id : {op.inputs[0], op.inputs[1]}) {
      const Quant& qi = g.tensor(id).quant;
      if (qi.s() != q.s() || qi.zp() != q.zp())
        op_error(g, op, ErrorKind::kUnsupported,
                 fmt::format("quantization (scale {}, zero point {}) differs from the output's ({}, {}); {} "
                             "needs one quantization for all its tensors",
                             qi.s(), qi.zp(), q.s(), q.zp(), name()),
                 id);
    }
    check_binary_shapes(g, op);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    auto p = std::make_shared<MaxMinPrepared>();
    p->walk = binary_walk(g, op);
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    emit_binary_call(e, op, op.prepared_as<MaxMinPrepared>().walk, "tinyaot_rt/maximum_minimum.h",
                     maximum_ ? "maximum" : "minimum", "", "");
  }

 private:
  bool maximum_;
};

}  // namespace

const OpDef& op_Maximum() {
  static const MaximumMinimum def(true);
  return def;
}

const OpDef& op_Minimum() {
  static const MaximumMinimum def(false);
  return def;
}

}  // namespace tinyaot
