// tinyaot: SQUARED_DIFFERENCE. int8 (and int16 with zero points 0) (a - b)^2 with numpy broadcasting and
// constant operands, no fused activation. TFLite Micro's PrepareQuantized runs here (left shift 7 for int8,
// 0 for int16; input multipliers relative to twice the larger input scale, in double; one output
// multiplier for the squared difference). runtime_min/tinyaot_rt/squared_difference.h computes.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/binary_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct SquaredDifferencePrepared : Prepared {
  int32_t in1_offset = 0, in2_offset = 0, out_offset = 0, left_shift = 0;
  QuantizedMultiplier m1, m2, mout;
  int32_t act_min = 0, act_max = 0;
  BinaryWalk walk;
};

class SquaredDifference final : public OpDef {
 public:
  std::string_view name() const override { return "SQUARED_DIFFERENCE"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::SQUARED_DIFFERENCE); }
  std::string_view summary() const override {
    return "int8, or int16 with zero points 0; per-tensor quantization, any scales; numpy broadcasting up to "
           "6-D, constant operands";
  }

  void check(const Graph& g, const Op& op) const override {
    check_binary_types(g, op, {DType::kInt8, DType::kInt16}, true);
    check_binary_shapes(g, op);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in1 = g.tensor(op.inputs[0]);
    const Tensor& in2 = g.tensor(op.inputs[1]);
    const Tensor& out = g.tensor(op.outputs[0]);
    const bool i16 = out.type == DType::kInt16;
    auto p = std::make_shared<SquaredDifferencePrepared>();
    p->in1_offset = -in1.quant.zp();
    p->in2_offset = -in2.quant.zp();
    p->out_offset = out.quant.zp();
    // 7 bits keep (255 << 7)^2 inside int32; int16 values have no room left.
    p->left_shift = i16 ? 0 : 7;
    const double twice_max = 2.0 * static_cast<double>(std::max(in1.quant.s(), in2.quant.s()));
    p->m1 = quantize_multiplier_smaller_than_one(static_cast<double>(in1.quant.s()) / twice_max);
    p->m2 = quantize_multiplier_smaller_than_one(static_cast<double>(in2.quant.s()) / twice_max);
    // TFLite: (1 << 2 * left_shift) * output_scale is a float product.
    const float denominator = static_cast<float>(1 << (2 * p->left_shift)) * out.quant.s();
    p->mout = quantize_multiplier(twice_max * twice_max / static_cast<double>(denominator));
    p->act_min = i16 ? -32768 : -128;
    p->act_max = i16 ? 32767 : 127;
    p->walk = binary_walk(g, op);
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<SquaredDifferencePrepared>();
    emit_binary_call(
        e, op, p.walk, "tinyaot_rt/squared_difference.h", "squared_difference", "SquaredDifferenceParams",
        fmt::format(R"({{
    /*input1_offset=*/{}, /*input2_offset=*/{}, /*output_offset=*/{}, /*left_shift=*/{},
    /*input1_multiplier=*/{}, /*input1_shift=*/{}, /*input2_multiplier=*/{}, /*input2_shift=*/{},
    /*output_multiplier=*/{}, /*output_shift=*/{}, /*act_min=*/{}, /*act_max=*/{}}})",
                    p.in1_offset, p.in2_offset, p.out_offset, p.left_shift, p.m1.multiplier, p.m1.shift,
                    p.m2.multiplier, p.m2.shift, p.mout.multiplier, p.mout.shift, p.act_min, p.act_max));
  }
};

}  // namespace

const OpDef& op_SquaredDifference() {
  static const SquaredDifference def;
  return def;
}

}  // namespace tinyaot
