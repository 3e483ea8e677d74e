// tinyaot: TRANSPOSE_CONV. int8 NHWC input/output, OHWI int8 filter quantized per output channel (dimension
// 0) or per tensor, optional int32 bias, SAME/VALID padding, any stride. As TFLite Micro: input 0 (the
// output shape) only has to agree with the output tensor, the padding is that of the forward convolution
// from the output back to the input, the multipliers are the convolution's, and the kernel accumulates in
// an int32 scratch buffer the size of the output. runtime_min/tinyaot_rt/transpose_conv.h computes.
#include <fmt/format.h>

#include <span>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

constexpr int kOutputShape = 0, kFilter = 1, kInput = 2, kBias = 3;

struct TransposeConvAttrs : Attrs {
  bool same_padding = true;
  int32_t stride_h = 1, stride_w = 1;
  int activation = 0;
  std::string dump() const override {
    return fmt::format("padding={} stride={}x{} activation={}", same_padding ? "SAME" : "VALID", stride_h, stride_w,
                       act_text(activation));
  }
};

struct TransposeConvPrepared : Prepared {
  int32_t pad_h = 0, pad_w = 0;
  ChannelMultipliers mult;
  bool has_bias = false;
};

int bias_id(const Op& op) { return op.inputs.size() > static_cast<std::size_t>(kBias) ? op.inputs[kBias] : -1; }

class TransposeConv final : public OpDef {
 public:
  std::string_view name() const override { return "TRANSPOSE_CONV"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::TRANSPOSE_CONV); }
  std::string_view summary() const override {
    return "int8; filter per-channel or per-tensor int8, symmetric; optional int32 bias; SAME/VALID padding, "
           "any stride; no fused activation; scratch: int32 per output element";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op& ir_op) const override {
    const tfl::TransposeConvOptions* o = op.builtin_options_as_TransposeConvOptions();
    if (!o) throw Error(ErrorKind::kInvalidModel, "missing TransposeConvOptions").at_op(ir_op.index, "TRANSPOSE_CONV");
    auto a = std::make_shared<TransposeConvAttrs>();
    a->same_padding = o->padding() == tfl::Padding::SAME;
    a->stride_h = o->stride_h();
    a->stride_w = o->stride_w();
    a->activation = static_cast<int>(o->fused_activation_function());
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 3, 4, 1);
    const auto& a = op.attrs_as<TransposeConvAttrs>();
    const int in_id = op.inputs[kInput], f_id = op.inputs[kFilter], out_id = op.outputs[0];
    if (g.tensor(in_id).type != DType::kInt8)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; TRANSPOSE_CONV supports int8 only", dtype_name(g.tensor(in_id).type)),
               in_id);
    expect_type(g, op, out_id, DType::kInt8);
    for (int id : {in_id, out_id}) expect_per_tensor_quant(g, op, id);
    if (!(g.tensor(out_id).quant.s() > 0.0f))
      op_error(g, op, ErrorKind::kInvalidModel, "output scale must be positive", out_id);
    for (int id : {in_id, f_id, out_id})
      if (g.tensor(id).shape.size() != 4)
        op_error(g, op, ErrorKind::kInvalidModel, "must have rank 4 (NHWC input/output, OHWI filter)", id);
    const Shape& in = g.tensor(in_id).shape;
    const Shape& f = g.tensor(f_id).shape;
    const Shape& out = g.tensor(out_id).shape;
    if (f[3] != in[3])
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("filter input depth {} differs from the input depth {}", f[3], in[3]), f_id);
    check_filter(g, op, f_id, f[0], 0);
    check_bias(g, op, bias_id(op), f[0], DType::kInt8, false);
    if (a.stride_h <= 0 || a.stride_w <= 0) op_error(g, op, ErrorKind::kInvalidModel, "strides must be positive");
    if (out[0] != in[0] || out[3] != f[0])
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("output shape [{}] does not match the batch of the input and the filter's output depth",
                           fmt::join(out, ", ")),
               out_id);
    // The forward convolution of the output must give back the input's spatial size.
    const Window1D wh = conv_window(a.same_padding, out[1], f[1], a.stride_h, 1);
    const Window1D ww = conv_window(a.same_padding, out[2], f[2], a.stride_w, 1);
    if (wh.out != in[1] || ww.out != in[2])
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("output size {}x{} does not correspond to input size {}x{} with this filter, stride and "
                           "padding",
                           out[1], out[2], in[1], in[2]),
               out_id);
    const int shape_id = op.inputs[kOutputShape];
    const Tensor* shape_t = shape_id >= 0 ? &g.tensor(shape_id) : nullptr;
    if (shape_t && shape_t->is_const && shape_t->type == DType::kInt32 &&
        Shape(shape_t->data_as<int32_t>(), shape_t->data_as<int32_t>() + shape_t->num_elements()) != out)
      op_error(g, op, ErrorKind::kInvalidModel, "the output shape input differs from the output tensor's shape",
               shape_id);
    if (a.activation != 0)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("fused activation {} is not supported (TFLite Micro applies none to int8 TRANSPOSE_CONV)",
                           act_text(a.activation)));
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const auto& a = op.attrs_as<TransposeConvAttrs>();
    const Shape& f = g.tensor(op.inputs[kFilter]).shape;
    const Shape& out = g.tensor(op.outputs[0]).shape;
    auto p = std::make_shared<TransposeConvPrepared>();
    p->pad_h = conv_window(a.same_padding, out[1], f[1], a.stride_h, 1).pad;
    p->pad_w = conv_window(a.same_padding, out[2], f[2], a.stride_w, 1).pad;
    p->mult = conv_multipliers(g.tensor(op.inputs[kInput]).quant.s(), g.tensor(op.inputs[kFilter]).quant.scale,
                               g.tensor(op.outputs[0]).quant.s(), f[0]);
    p->has_bias = bias_id(op) >= 0;
    return p;
  }

  std::size_t scratch_bytes(const Graph& g, const Op& op) const override {
    return static_cast<std::size_t>(g.tensor(op.outputs[0]).num_elements()) * sizeof(int32_t);
  }

  int64_t macs(const Graph& g, const Op& op) const override {
    const Shape& f = g.tensor(op.inputs[kFilter]).shape;
    return g.tensor(op.inputs[kInput]).num_elements() * f[0] * f[1] * f[2];
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const auto& a = op.attrs_as<TransposeConvAttrs>();
    const auto& p = op.prepared_as<TransposeConvPrepared>();
    const Shape& in = g.tensor(op.inputs[kInput]).shape;
    const Shape& f = g.tensor(op.inputs[kFilter]).shape;
    const Shape& out = g.tensor(op.outputs[0]).shape;
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/transpose_conv.h");
    e.decl(fmt::format(R"(constexpr tinyaot_rt::TransposeConvParams {}_params = {{
    /*batches=*/{}, /*input_h=*/{}, /*input_w=*/{}, /*input_c=*/{}, /*filter_h=*/{}, /*filter_w=*/{},
    /*output_h=*/{}, /*output_w=*/{}, /*output_c=*/{}, /*stride_h=*/{}, /*stride_w=*/{},
    /*pad_h=*/{}, /*pad_w=*/{}, /*input_offset=*/{}, /*output_zero_point=*/{}, /*act_min=*/-128, /*act_max=*/127}};)",
                       prefix, in[0], in[1], in[2], in[3], f[1], f[2], out[1], out[2], out[3], a.stride_h,
                       a.stride_w, p.pad_h, p.pad_w, -g.tensor(op.inputs[kInput]).quant.zp(),
                       g.tensor(op.outputs[0]).quant.zp()));
    const std::string mult = e.const_array(prefix + "_multiplier", std::span<const int32_t>(p.mult.multiplier));
    const std::string shift = e.const_array(prefix + "_shift", std::span<const int32_t>(p.mult.shift));
    const std::string bias = p.has_bias ? e.ptr(bias_id(op)) : "static_cast<const int32_t*>(nullptr)";
    e.code(fmt::format(R"(tinyaot_rt::transpose_conv_s8({}_params,
    /*input=*/{},
    /*filter=*/{},
    /*bias=*/{},
    /*multiplier=*/{}, /*shift=*/{},
    /*scratch=*/{},
    /*output=*/{});)",
                       prefix, e.ptr(op.inputs[kInput]), e.ptr(op.inputs[kFilter]), bias, mult, shift,
                       e.scratch(op, "int32_t"), e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_TransposeConv() {
  static const TransposeConv def;
  return def;
}

}  // namespace tinyaot
