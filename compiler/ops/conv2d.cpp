// tinyaot: CONV_2D. int8 (and int16x8) 2-D convolution, NHWC activations, OHWI filter quantized per
// output channel (dimension 0) or per tensor, optional bias. TFLite Micro's Prepare work (padding,
// multipliers, activation range, folded zero point) happens here; runtime_min/tinyaot_rt/conv2d.h computes.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/inplace_emit.h"
#include "compiler/ops/patch_emit.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct Conv2DAttrs : Attrs {
  bool same_padding = true;
  int32_t stride_h = 1, stride_w = 1;
  int32_t dilation_h = 1, dilation_w = 1;
  int activation = 0;  ///< schema ActivationFunctionType, validated in check()
  std::string dump() const override {
    return fmt::format("padding={} stride={}x{} dilation={}x{} activation={}", same_padding ? "SAME" : "VALID",
                       stride_h, stride_w, dilation_h, dilation_w, act_text(activation));
  }
};

/// Shapes read once: input NHWC, filter OHWI.
struct ConvDims {
  int32_t n, in_h, in_w, in_c, out_c, f_h, f_w, f_c;
};

ConvDims dims_of(const Graph& g, const Op& op) {
  const Shape& in = g.tensor(op.inputs[0]).shape;
  const Shape& f = g.tensor(op.inputs[1]).shape;
  return {in[0], in[1], in[2], in[3], f[0], f[1], f[2], f[3]};
}

class Conv2D final : public OpDef {
 public:
  std::string_view name() const override { return "CONV_2D"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::CONV_2D); }
  std::string_view summary() const override {
    return "int8 (or int16 activations with int8 weights, int64 or int32 bias); filter per-channel or per-tensor "
           "int8, symmetric; SAME/VALID padding, any stride and dilation, grouped; bias optional; fused "
           "NONE/RELU/RELU6/RELU_N1_TO_1";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op& ir_op) const override {
    const tfl::Conv2DOptions* o = op.builtin_options_as_Conv2DOptions();
    if (!o) throw Error(ErrorKind::kInvalidModel, "missing Conv2DOptions").at_op(ir_op.index, "CONV_2D");
    auto a = std::make_shared<Conv2DAttrs>();
    a->same_padding = o->padding() == tfl::Padding::SAME;
    a->stride_h = o->stride_h();
    a->stride_w = o->stride_w();
    a->dilation_h = o->dilation_h_factor();
    a->dilation_w = o->dilation_w_factor();
    a->activation = static_cast<int>(o->fused_activation_function());
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 3, 1);
    const auto& a = op.attrs_as<Conv2DAttrs>();
    const DType t = check_activations(g, op);
    for (int id : {op.inputs[0], op.inputs[1], op.outputs[0]})
      if (g.tensor(id).shape.size() != 4)
        op_error(g, op, ErrorKind::kInvalidModel, "must have rank 4 (NHWC input/output, OHWI filter)", id);
    const ConvDims d = dims_of(g, op);
    if (d.f_c <= 0 || d.in_c < d.f_c || d.in_c % d.f_c != 0 || d.out_c % (d.in_c / d.f_c) != 0)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("filter input depth {} does not divide input depth {} into groups of output channels {}",
                           d.f_c, d.in_c, d.out_c),
               op.inputs[1]);
    check_filter(g, op, op.inputs[1], d.out_c, 0);
    check_bias(g, op, optional_bias(op), d.out_c, t, true);
    if (a.stride_h <= 0 || a.stride_w <= 0 || a.dilation_h <= 0 || a.dilation_w <= 0)
      op_error(g, op, ErrorKind::kInvalidModel, "strides and dilation factors must be positive");
    const Window1D wh = conv_window(a.same_padding, d.in_h, d.f_h, a.stride_h, a.dilation_h);
    const Window1D ww = conv_window(a.same_padding, d.in_w, d.f_w, a.stride_w, a.dilation_w);
    if (wh.out <= 0 || ww.out <= 0)
      op_error(g, op, ErrorKind::kInvalidModel, "the filter window does not fit in the input (empty output)");
    expect_shape(g, op, op.outputs[0], {d.n, wh.out, ww.out, d.out_c});
    checked_activation(g, op, a.activation);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const auto& a = op.attrs_as<Conv2DAttrs>();
    const ConvDims d = dims_of(g, op);
    auto p = std::make_shared<ConvPrepared>();
    p->pad_h = conv_window(a.same_padding, d.in_h, d.f_h, a.stride_h, a.dilation_h).pad;
    p->pad_w = conv_window(a.same_padding, d.in_w, d.f_w, a.stride_w, a.dilation_w).pad;
    p->stride_h = a.stride_h;
    p->stride_w = a.stride_w;
    p->dilation_h = a.dilation_h;
    p->dilation_w = a.dilation_w;
    p->act = output_activation_range(g, op, checked_activation(g, op, a.activation));
    const Tensor& filter = g.tensor(op.inputs[1]);
    p->mult = conv_multipliers(g.tensor(op.inputs[0]).quant.s(), filter.quant.scale,
                               g.tensor(op.outputs[0]).quant.s(), d.out_c);
    prepare_bias(*p, g, op, optional_bias(op), filter_sums(filter, d.out_c, false));
    return p;
  }

  int64_t macs(const Graph& g, const Op& op) const override {
    const ConvDims d = dims_of(g, op);
    return g.tensor(op.outputs[0]).num_elements() * d.f_h * d.f_w * d.f_c;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const auto& a = op.attrs_as<Conv2DAttrs>();
    const auto& p = op.prepared_as<ConvPrepared>();
    const ConvDims d = dims_of(g, op);
    const Shape& out = g.tensor(op.outputs[0]).shape;
    e.use_runtime("tinyaot_rt/conv2d.h");
    const std::string params = e.op_prefix() + "_params";
    e.decl(fmt::format(R"(constexpr tinyaot_rt::Conv2DParams {name} = {{
    /*batches=*/{n}, /*input_h=*/{in_h}, /*input_w=*/{in_w}, /*input_c=*/{in_c},
    /*filter_h=*/{f_h}, /*filter_w=*/{f_w}, /*filter_c=*/{f_c},
    /*output_h=*/{out_h}, /*output_w=*/{out_w}, /*output_c=*/{out_c},
    /*stride_h=*/{s_h}, /*stride_w=*/{s_w}, /*dilation_h=*/{d_h}, /*dilation_w=*/{d_w},
    /*pad_h=*/{p_h}, /*pad_w=*/{p_w}, /*input_zero_point=*/{in_zp}, /*output_zero_point=*/{out_zp},
    /*act_min=*/{act_min}, /*act_max=*/{act_max}}};)",
                       fmt::arg("name", params), fmt::arg("n", d.n), fmt::arg("in_h", d.in_h),
                       fmt::arg("in_w", d.in_w), fmt::arg("in_c", d.in_c), fmt::arg("f_h", d.f_h),
                       fmt::arg("f_w", d.f_w), fmt::arg("f_c", d.f_c), fmt::arg("out_h", out[1]),
                       fmt::arg("out_w", out[2]), fmt::arg("out_c", d.out_c), fmt::arg("s_h", a.stride_h),
                       fmt::arg("s_w", a.stride_w), fmt::arg("d_h", a.dilation_h), fmt::arg("d_w", a.dilation_w),
                       fmt::arg("p_h", p.pad_h), fmt::arg("p_w", p.pad_w),
                       fmt::arg("in_zp", g.tensor(op.inputs[0]).quant.zp()),
                       fmt::arg("out_zp", g.tensor(op.outputs[0]).quant.zp()), fmt::arg("act_min", p.act.min),
                       fmt::arg("act_max", p.act.max)));
    if (g.tensor(op.inputs[0]).nchw) {  // fuse-input-transpose: read the model's NCHW input directly
      e.use_runtime("tinyaot_rt/conv2d_nchw.h");
      emit_conv_call(e, op, "conv2d_nchw", params, p);
      return;
    }
    if (emit_patch_stack(e, g, op)) return;
    if (!emit_inplace_conv_call(e, op, "conv2d", params, p)) emit_conv_call(e, op, "conv2d", params, p);
  }
};

}  // namespace

const OpDef& op_Conv2D() {
  static const Conv2D def;
  return def;
}

}  // namespace tinyaot
