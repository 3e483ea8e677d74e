// tinyaot: L2_NORMALIZATION over the last dimension, int8, rank <= 4 as TFLite Micro. The kernel's output
// format is fixed (1/128 steps, zero point 0), so the output must be quantized that way (TFLite's
// requirement; TFLite Micro does not check it). Nothing depends on the model beyond shapes and the input
// zero point; runtime_min/tinyaot_rt/l2_normalization.h computes 1/sqrt per row at run time.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct L2NormAttrs : Attrs {
  int activation = 0;
  std::string dump() const override { return fmt::format("activation={}", act_text(activation)); }
};

class L2Normalization final : public OpDef {
 public:
  std::string_view name() const override { return "L2_NORMALIZATION"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::L2_NORMALIZATION); }
  std::string_view summary() const override {
    return "int8, last axis, rank 1 to 4; output scale 1/128, zero point 0; no fused activation";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<L2NormAttrs>();
    if (const tfl::L2NormOptions* o = op.builtin_options_as_L2NormOptions())
      a->activation = static_cast<int>(o->fused_activation_function());
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    if (in.type != DType::kInt8)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; L2_NORMALIZATION supports int8 only", dtype_name(in.type)), in_id);
    expect_type(g, op, out_id, DType::kInt8);
    for (int id : {in_id, out_id}) expect_per_tensor_quant(g, op, id);
    if (in.shape.empty() || in.shape.size() > 4)
      op_error(g, op, ErrorKind::kUnsupported, "input must have rank 1 to 4", in_id);
    expect_shape(g, op, out_id, in.shape);
    const Quant& qo = g.tensor(out_id).quant;
    if (qo.s() != 1.0f / 128 || qo.zp() != 0)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("output must have scale 1/128 and zero point 0 (has {} and {})", qo.s(), qo.zp()), out_id);
    if (op.attrs_as<L2NormAttrs>().activation != 0)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("fused activation {} is not supported (TFLite supports none)",
                           act_text(op.attrs_as<L2NormAttrs>().activation)));
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const int32_t depth = in.shape.back();
    const int64_t outer = depth > 0 ? in.num_elements() / depth : 0;
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/l2_normalization.h");
    e.decl(fmt::format("constexpr tinyaot_rt::L2NormParams {}_params = {{/*outer_size=*/{}, /*depth=*/{}, "
                       "/*input_zero_point=*/{}}};",
                       prefix, outer, depth, in.quant.zp()));
    e.code(fmt::format("tinyaot_rt::l2_normalization_s8({}_params, {}, {});", prefix, e.ptr(op.inputs[0]),
                       e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_L2Normalization() {
  static const L2Normalization def;
  return def;
}

}  // namespace tinyaot
