// tinyaot: PRELU. int8 input, alpha and output, or int16 input/output (zero points 0) with int8 alpha;
// alpha (usually a constant per channel) is broadcast against the input. TFLite Micro's
// CalculatePreluParams runs here: in_scale / out_scale and in_scale * alpha_scale / out_scale in double.
// runtime_min/tinyaot_rt/prelu.h computes.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/binary_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct PreluPrepared : Prepared {
  int32_t input_offset = 0, alpha_offset = 0, output_offset = 0;
  QuantizedMultiplier m1, m2;
  BinaryWalk walk;
};

class Prelu final : public OpDef {
 public:
  std::string_view name() const override { return "PRELU"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::PRELU); }
  std::string_view summary() const override {
    return "int8 input, alpha and output, or int16 input and output (zero points 0) with int8 alpha; "
           "per-tensor quantization; alpha broadcast against the input (numpy rules, up to 6-D)";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int in_id = op.inputs[0], alpha_id = op.inputs[1], out_id = op.outputs[0];
    const DType t = g.tensor(in_id).type;
    if (t != DType::kInt8 && t != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; PRELU supports int8 and int16", dtype_name(t)), in_id);
    expect_type(g, op, out_id, t);
    expect_type(g, op, alpha_id, DType::kInt8);
    for (int id : {in_id, alpha_id, out_id}) {
      expect_per_tensor_quant(g, op, id);
      if (!(g.tensor(id).quant.s() > 0.0f)) op_error(g, op, ErrorKind::kInvalidModel, "scale must be positive", id);
    }
    if (t == DType::kInt16)
      for (int id : {in_id, out_id})
        if (g.tensor(id).quant.zp() != 0)
          op_error(g, op, ErrorKind::kUnsupported, "int16 PRELU needs zero point 0", id);
    check_binary_shapes(g, op);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const Tensor& alpha = g.tensor(op.inputs[1]);
    const Tensor& out = g.tensor(op.outputs[0]);
    auto p = std::make_shared<PreluPrepared>();
    p->input_offset = -in.quant.zp();
    p->alpha_offset = -alpha.quant.zp();
    p->output_offset = out.quant.zp();
    p->m1 = quantize_multiplier(static_cast<double>(in.quant.s()) / static_cast<double>(out.quant.s()));
    p->m2 = quantize_multiplier(static_cast<double>(in.quant.s()) * static_cast<double>(alpha.quant.s()) /
                                static_cast<double>(out.quant.s()));
    p->walk = binary_walk(g, op);
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<PreluPrepared>();
    emit_binary_call(e, op, p.walk, "tinyaot_rt/prelu.h", "prelu", "PreluParams",
                     fmt::format("{{/*input_offset=*/{}, /*alpha_offset=*/{}, /*output_offset=*/{}, "
                                 "/*output_multiplier_1=*/{}, /*output_shift_1=*/{}, /*output_multiplier_2=*/{}, "
                                 "/*output_shift_2=*/{}}}",
                                 p.input_offset, p.alpha_offset, p.output_offset, p.m1.multiplier, p.m1.shift,
                                 p.m2.multiplier, p.m2.shift));
  }
};

}  // namespace

const OpDef& op_Prelu() {
  static const Prelu def;
  return def;
}

}  // namespace tinyaot
