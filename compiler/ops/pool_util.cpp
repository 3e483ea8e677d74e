// tinyaot: AVERAGE_POOL_2D / MAX_POOL_2D compile-time work (see pool_util.h).
#include "compiler/ops/pool_util.h"

#include <fmt/format.h>

#include <cmath>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct PoolAttrs : Attrs {
  bool same_padding = true;
  int32_t stride_h = 1, stride_w = 1;
  int32_t filter_h = 1, filter_w = 1;
  int activation = 0;  ///< schema ActivationFunctionType, validated in check()
  std::string dump() const override {
    return fmt::format("padding={} stride={}x{} filter={}x{} activation={}", same_padding ? "SAME" : "VALID",
                       stride_h, stride_w, filter_h, filter_w, activation);
  }
};

/// Everything the kernel needs, in PoolParams order.
struct PoolPrepared : Prepared {
  int32_t batches = 0, in_h = 0, in_w = 0, channels = 0, out_h = 0, out_w = 0;
  int32_t filter_h = 0, filter_w = 0, stride_h = 0, stride_w = 0, pad_h = 0, pad_w = 0;
  ActRange act;
};

}  // namespace

std::shared_ptr<const Attrs> Pool2DOp::parse(const tfl::Operator& op, const Op& ir_op) const {
  const tfl::Pool2DOptions* o = op.builtin_options_as_Pool2DOptions();
  if (!o) throw Error(ErrorKind::kInvalidModel, "missing Pool2DOptions").at_op(ir_op.index, std::string(name_));
  auto a = std::make_shared<PoolAttrs>();
  a->same_padding = o->padding() == tfl::Padding::SAME;
  a->stride_h = o->stride_h();
  a->stride_w = o->stride_w();
  a->filter_h = o->filter_height();
  a->filter_w = o->filter_width();
  a->activation = static_cast<int>(o->fused_activation_function());
  return a;
}

void Pool2DOp::check(const Graph& g, const Op& op) const {
  expect_io_count(g, op, 1, 1, 1);
  const auto& a = op.attrs_as<PoolAttrs>();
  const int in_id = op.inputs[0], out_id = op.outputs[0];
  const Tensor& in = g.tensor(in_id);
  const Tensor& out = g.tensor(out_id);
  if (in.type != DType::kInt8 && in.type != DType::kInt16)
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("input has type {}; {} supports int8 and int16", dtype_name(in.type), op.type()), in_id);
  expect_type(g, op, out_id, in.type);
  for (int id : {in_id, out_id}) {
    expect_per_tensor_quant(g, op, id);
    if (g.tensor(id).shape.size() != 4) op_error(g, op, ErrorKind::kInvalidModel, "must have rank 4 (NHWC)", id);
  }
  // TFLite Micro's PoolingPrepare: the kernels work on raw values, so the quantization must not change.
  if (std::abs(static_cast<double>(in.quant.s()) - static_cast<double>(out.quant.s())) > 1.0e-6 ||
      in.quant.zp() != out.quant.zp())
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("output quantization (scale {}, zero point {}) differs from the input's (scale {}, zero "
                         "point {}); {} requires them equal",
                         out.quant.s(), out.quant.zp(), in.quant.s(), in.quant.zp(), op.type()),
             out_id);
  checked_activation(g, op, a.activation);
  if (a.stride_h <= 0 || a.stride_w <= 0 || a.filter_h <= 0 || a.filter_w <= 0)
    op_error(g, op, ErrorKind::kInvalidModel,
             fmt::format("strides ({}x{}) and filter size ({}x{}) must be positive", a.stride_h, a.stride_w,
                         a.filter_h, a.filter_w));
  const Window1D wh = conv_window(a.same_padding, in.shape[1], a.filter_h, a.stride_h, 1);
  const Window1D ww = conv_window(a.same_padding, in.shape[2], a.filter_w, a.stride_w, 1);
  if (wh.out <= 0 || ww.out <= 0)
    op_error(g, op, ErrorKind::kInvalidModel, "the pooling window does not fit in the input (empty output)");
  expect_shape(g, op, out_id, {in.shape[0], wh.out, ww.out, in.shape[3]});
}

std::shared_ptr<const Prepared> Pool2DOp::prepare(const Graph& g, const Op& op) const {
  const auto& a = op.attrs_as<PoolAttrs>();
  const Shape& in = g.tensor(op.inputs[0]).shape;
  const Window1D wh = conv_window(a.same_padding, in[1], a.filter_h, a.stride_h, 1);
  const Window1D ww = conv_window(a.same_padding, in[2], a.filter_w, a.stride_w, 1);
  auto p = std::make_shared<PoolPrepared>();
  p->batches = in[0];
  p->in_h = in[1];
  p->in_w = in[2];
  p->channels = in[3];
  p->out_h = wh.out;
  p->out_w = ww.out;
  p->filter_h = a.filter_h;
  p->filter_w = a.filter_w;
  p->stride_h = a.stride_h;
  p->stride_w = a.stride_w;
  p->pad_h = wh.pad;
  p->pad_w = ww.pad;
  p->act = output_activation_range(g, op, checked_activation(g, op, a.activation));
  return p;
}

void Pool2DOp::emit(EmitContext& e, const Graph&, const Op& op) const {
  const auto& p = op.prepared_as<PoolPrepared>();
  const std::string prefix = e.op_prefix();
  e.use_runtime("tinyaot_rt/pooling.h");
  e.decl(fmt::format(
      R"(constexpr tinyaot_rt::PoolParams {}_params = {{
    /*batches=*/{}, /*input_height=*/{}, /*input_width=*/{}, /*channels=*/{},
    /*output_height=*/{}, /*output_width=*/{}, /*filter_height=*/{}, /*filter_width=*/{},
    /*stride_height=*/{}, /*stride_width=*/{}, /*pad_height=*/{}, /*pad_width=*/{},
    /*act_min=*/{}, /*act_max=*/{}}};)",
      prefix, p.batches, p.in_h, p.in_w, p.channels, p.out_h, p.out_w, p.filter_h, p.filter_w, p.stride_h,
      p.stride_w, p.pad_h, p.pad_w, p.act.min, p.act.max));
  e.code(fmt::format("tinyaot_rt::{}({}_params, {}, {});", e.kernel(kernel_), prefix, e.ptr(op.inputs[0]),
                     e.ptr(op.outputs[0])));
}

}  // namespace tinyaot
