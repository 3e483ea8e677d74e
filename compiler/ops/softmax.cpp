// tinyaot: SOFTMAX over the last dimension, any beta. int8 input with int8 output (scale 1/256, zero point
// -128) or int16 output (scale 1/65536, zero point -32768): gemmlowp fixed-point exp and reciprocal;
// int16 input and output (scale 1/32768, zero point 0): TFLite's interpolated exp and 1/(1+x) tables.
// Constants and tables come from softmax_math.cpp; runtime_min/tinyaot_rt/softmax.h computes.
#include <fmt/format.h>

#include <cmath>
#include <span>
#include <vector>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/softmax_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct SoftmaxAttrs : Attrs {
  float beta = 1.0f;
  std::string dump() const override { return fmt::format("beta={}", beta); }
};

struct SoftmaxPrepared : Prepared {
  int64_t outer_size = 0;
  int32_t depth = 0;
  bool int16_input = false;
  SoftmaxScaling scaling;  ///< int8 input
  QuantizedMultiplier m16;  ///< int16 input
};

class Softmax final : public OpDef {
 public:
  std::string_view name() const override { return "SOFTMAX"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::SOFTMAX); }
  std::string_view summary() const override {
    return "int8 input with int8 output (scale 1/256, zero point -128) or int16 output (scale 1/65536, zero "
           "point -32768); int16 input and output (scale 1/32768, zero point 0); last axis, any rank, any beta";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<SoftmaxAttrs>();
    if (const tfl::SoftmaxOptions* o = op.builtin_options_as_SoftmaxOptions()) a->beta = o->beta();
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    const Tensor& out = g.tensor(out_id);
    if (in.type != DType::kInt8 && in.type != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; SOFTMAX supports int8 and int16", dtype_name(in.type)), in_id);
    for (int id : {in_id, out_id}) expect_per_tensor_quant(g, op, id);
    if (in.type == DType::kInt16) {
      expect_type(g, op, out_id, DType::kInt16);
      if (out.quant.zp() != 0 || std::abs(out.quant.s() - 1.0f / 32768) > 0.001f * 1.0f / 32768)
        op_error(g, op, ErrorKind::kUnsupported,
                 fmt::format("int16 output must have scale 1/32768 and zero point 0 (has {} and {})", out.quant.s(),
                             out.quant.zp()),
                 out_id);
    } else if (out.type == DType::kInt8) {
      // TFLite Micro compares the float scale exactly.
      if (out.quant.zp() != -128 || out.quant.s() != 1.0f / 256)
        op_error(g, op, ErrorKind::kUnsupported,
                 fmt::format("int8 output must have scale 1/256 and zero point -128 (has {} and {})", out.quant.s(),
                             out.quant.zp()),
                 out_id);
    } else if (out.type == DType::kInt16) {
      if (out.quant.zp() != -32768 ||
          std::abs(out.quant.s() - 1.0f / 65536) > 0.001f * 1.0f / 65536)
        op_error(g, op, ErrorKind::kUnsupported,
                 fmt::format("int16 output must have scale 1/65536 and zero point -32768 (has {} and {})",
                             out.quant.s(), out.quant.zp()),
                 out_id);
    } else {
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("output has type {}; SOFTMAX supports int8 -> int8 and int8 -> int16",
                           dtype_name(out.type)),
               out_id);
    }
    if (in.shape.empty()) op_error(g, op, ErrorKind::kInvalidModel, "input must have rank >= 1", in_id);
    expect_shape(g, op, out_id, in.shape);
    if (in.type == DType::kInt8 && !softmax_scaling(op.attrs_as<SoftmaxAttrs>().beta, in.quant.s()).valid)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("beta ({}) * input scale ({}) is too small for the quantized softmax",
                           op.attrs_as<SoftmaxAttrs>().beta, in.quant.s()),
               in_id);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    auto p = std::make_shared<SoftmaxPrepared>();
    p->depth = in.shape.back();
    p->outer_size = p->depth > 0 ? in.num_elements() / p->depth : 0;
    p->int16_input = in.type == DType::kInt16;
    if (p->int16_input)
      p->m16 = softmax_int16_multiplier(op.attrs_as<SoftmaxAttrs>().beta, in.quant.s());
    else
      p->scaling = softmax_scaling(op.attrs_as<SoftmaxAttrs>().beta, in.quant.s());
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<SoftmaxPrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/softmax.h");
    if (p.int16_input) {
      const std::vector<int16_t> exp_table = softmax_exp_table(), recip_table = softmax_reciprocal_table();
      const std::string exp_lut = e.const_array("softmax_exp_lut", std::span<const int16_t>(exp_table));
      const std::string recip_lut = e.const_array("softmax_recip_lut", std::span<const int16_t>(recip_table));
      e.decl(fmt::format(
          R"(constexpr tinyaot_rt::SoftmaxInt16Params {}_params = {{
    /*outer_size=*/{}, /*depth=*/{}, /*input_multiplier=*/{}, /*input_shift=*/{}}};)",
          prefix, p.outer_size, p.depth, p.m16.multiplier, p.m16.shift));
      e.code(fmt::format("tinyaot_rt::softmax_s16({}_params, {}, {}, {}, {});", prefix, exp_lut, recip_lut,
                         e.ptr(op.inputs[0]), e.ptr(op.outputs[0])));
      return;
    }
    e.decl(fmt::format(
        R"(constexpr tinyaot_rt::SoftmaxParams {}_params = {{
    /*outer_size=*/{}, /*depth=*/{}, /*input_multiplier=*/{}, /*input_left_shift=*/{}, /*diff_min=*/{}}};)",
        prefix, p.outer_size, p.depth, p.scaling.input_multiplier, p.scaling.input_left_shift,
        p.scaling.diff_min));
    e.code(fmt::format("tinyaot_rt::softmax_s8({}_params, {}, {});", prefix, e.ptr(op.inputs[0]),
                       e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_Softmax() {
  static const Softmax def;
  return def;
}

}  // namespace tinyaot
