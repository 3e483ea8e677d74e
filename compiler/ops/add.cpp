// tinyaot: ADD. int8 (and int16) quantized addition with numpy broadcasting and a fused activation.
// TFLite Micro's CalculateOpDataAdd runs here: offsets, left shift (20 for int8, 15 for int16), the
// three multipliers relative to twice the larger input scale, the activation range; the broadcast walk is
// resolved into strides. runtime_min/tinyaot_rt/add.h computes.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/broadcast_util.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct AddAttrs : Attrs {
  int activation = 0;  ///< schema ActivationFunctionType, validated in check()
  std::string dump() const override { return fmt::format("activation={}", activation); }
};

struct AddPrepared : Prepared {
  int32_t in1_offset = 0, in2_offset = 0, out_offset = 0, left_shift = 0;
  QuantizedMultiplier m1, m2, mout;
  ActRange act;
  bool broadcast = false;
  BroadcastWalk walk;
  int64_t size = 0;
};

class Add final : public OpDef {
 public:
  std::string_view name() const override { return "ADD"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::ADD); }
  std::string_view summary() const override {
    return "int8 or int16 (zero point 0), per-tensor quantization, any scales; numpy broadcasting up to 6-D; "
           "fused NONE/RELU/RELU6/RELU_N1_TO_1";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<AddAttrs>();
    if (const tfl::AddOptions* o = op.builtin_options_as_AddOptions())
      a->activation = static_cast<int>(o->fused_activation_function());
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int out_id = op.outputs[0];
    const DType t = g.tensor(op.inputs[0]).type;
    if (t != DType::kInt8 && t != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; ADD supports int8 and int16", dtype_name(t)), op.inputs[0]);
    for (int id : {op.inputs[1], out_id}) expect_type(g, op, id, t);
    for (int id : {op.inputs[0], op.inputs[1], out_id}) {
      expect_per_tensor_quant(g, op, id);
      if (!(g.tensor(id).quant.s() > 0.0f))
        op_error(g, op, ErrorKind::kInvalidModel, "scale must be positive", id);
      if (t == DType::kInt16 && g.tensor(id).quant.zp() != 0)
        op_error(g, op, ErrorKind::kUnsupported, "int16 ADD needs zero point 0", id);
    }
    checked_activation(g, op, op.attrs_as<AddAttrs>().activation);
    const Shape& a = g.tensor(op.inputs[0]).shape;
    const Shape& b = g.tensor(op.inputs[1]).shape;
    const std::optional<Shape> out = broadcast_shape(a, b);
    if (!out)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("input shapes [{}] and [{}] cannot be broadcast together", fmt::join(a, ", "),
                           fmt::join(b, ", ")));
    expect_shape(g, op, out_id, *out);
    if (a != b && !broadcast_walk(a, b, *out))
      op_error(g, op, ErrorKind::kUnsupported, "broadcasting over more than 6 dimensions is not supported",
               out_id);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in1 = g.tensor(op.inputs[0]);
    const Tensor& in2 = g.tensor(op.inputs[1]);
    const Tensor& out = g.tensor(op.outputs[0]);
    auto p = std::make_shared<AddPrepared>();
    p->in1_offset = -in1.quant.zp();
    p->in2_offset = -in2.quant.zp();
    p->out_offset = out.quant.zp();
    p->left_shift = out.type == DType::kInt16 ? 15 : 20;
    // Same arithmetic as TFLite: the larger scale is picked in float, everything else in double.
    const double twice_max = 2.0 * static_cast<double>(std::max(in1.quant.s(), in2.quant.s()));
    p->m1 = quantize_multiplier_smaller_than_one(static_cast<double>(in1.quant.s()) / twice_max);
    p->m2 = quantize_multiplier_smaller_than_one(static_cast<double>(in2.quant.s()) / twice_max);
    p->mout = quantize_multiplier_smaller_than_one(
        twice_max / (static_cast<double>(1 << p->left_shift) * static_cast<double>(out.quant.s())));
    if (p->mout.shift > 0)
      op_error(g, op, ErrorKind::kUnsupported,
               "output scale is too small relative to the input scales (TFLite requires the output multiplier "
               "below 1)",
               out.id);
    p->act = output_activation_range(g, op, checked_activation(g, op, op.attrs_as<AddAttrs>().activation));
    p->broadcast = in1.shape != in2.shape;
    if (p->broadcast) p->walk = *broadcast_walk(in1.shape, in2.shape, out.shape);
    p->size = out.num_elements();
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<AddPrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/add.h");
    e.decl(fmt::format(
        R"(constexpr tinyaot_rt::AddParams {}_params = {{
    /*input1_offset=*/{}, /*input2_offset=*/{}, /*output_offset=*/{}, /*left_shift=*/{},
    /*input1_multiplier=*/{}, /*input1_shift=*/{}, /*input2_multiplier=*/{}, /*input2_shift=*/{},
    /*output_multiplier=*/{}, /*output_shift=*/{}, /*act_min=*/{}, /*act_max=*/{}}};)",
        prefix, p.in1_offset, p.in2_offset, p.out_offset, p.left_shift, p.m1.multiplier, p.m1.shift,
        p.m2.multiplier, p.m2.shift, p.mout.multiplier, p.mout.shift, p.act.min, p.act.max));
    const std::string a = e.ptr(op.inputs[0]), b = e.ptr(op.inputs[1]), out = e.ptr(op.outputs[0]);
    if (!p.broadcast) {
      e.code(fmt::format("tinyaot_rt::{}({}_params, {}, {}, {}, {});", e.kernel("add_elementwise"), prefix, a, b,
                         out, p.size));
      return;
    }
    e.decl(fmt::format("constexpr tinyaot_rt::BroadcastDesc {}_bcast = {};", prefix, broadcast_desc_init(p.walk)));
    e.code(fmt::format("tinyaot_rt::add_broadcast({}_params, {}_bcast, {}, {}, {});", prefix, prefix, a, b, out));
  }
};

}  // namespace

const OpDef& op_Add() {
  static const Add def;
  return def;
}

}  // namespace tinyaot
