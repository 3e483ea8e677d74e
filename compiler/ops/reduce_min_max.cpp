// tinyaot: REDUCE_MAX and REDUCE_MIN over constant axes (int32/int64, any combination), keep_dims true or
// false; int8 or int16 with the output's scale and zero point equal to the input's (TFLite Micro rejects
// anything else: the raw extreme is the output). The reduction walks are precomputed;
// runtime_min/tinyaot_rt/reduce.h computes.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct ReducerAttrs : Attrs {
  bool keep_dims = false;
  std::string dump() const override { return fmt::format("keep_dims={}", keep_dims); }
};

struct ReducePrepared : Prepared {
  ReduceWalks walks;
};

class ReduceMinMax final : public OpDef {
 public:
  ReduceMinMax(std::string_view name, int code, bool is_max) : name_(name), code_(code), is_max_(is_max) {}
  std::string_view name() const override { return name_; }
  int builtin_code() const override { return code_; }
  std::string_view summary() const override {
    return "int8 or int16, output quantization equal to the input's; constant int32/int64 axes, any "
           "combination, keep_dims true or false";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<ReducerAttrs>();
    if (const tfl::ReducerOptions* o = op.builtin_options_as_ReducerOptions()) a->keep_dims = o->keep_dims();
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    const Tensor& out = g.tensor(out_id);
    if (in.type != DType::kInt8 && in.type != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; {} supports int8 and int16", dtype_name(in.type), name_), in_id);
    expect_type(g, op, out_id, in.type);
    expect_int32_sized(g, op, in_id);
    if (in.quant.s() != out.quant.s() || in.quant.zp() != out.quant.zp())
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("output scale/zero point {} / {} differ from the input's {} / {}; {} does not requantize "
                           "(as TFLite Micro)",
                           out.quant.s(), out.quant.zp(), in.quant.s(), in.quant.zp(), name_),
               out_id);
    if (in.num_elements() == 0) op_error(g, op, ErrorKind::kUnsupported, "empty input", in_id);
    const std::vector<int> axes = resolve_axes(g, op, op.inputs[1], static_cast<int>(in.shape.size()));
    const Shape want = reduced_shape(in.shape, axes, op.attrs_as<ReducerAttrs>().keep_dims);
    // The output is dense in kept-dimension order, so any shape with this many elements reads the same.
    if (out.num_elements() != shape_product(want, 0, want.size()))
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("has shape [{}], expected [{}] from the input and the axes", fmt::join(out.shape, ", "),
                           fmt::join(want, ", ")),
               out_id);
    if (!make_reduce_walks(in.shape, axes))
      op_error(g, op, ErrorKind::kUnsupported, "reduction geometry needs more than 4 kept or reduced dimensions",
               in_id);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    auto p = std::make_shared<ReducePrepared>();
    p->walks = *make_reduce_walks(in.shape, resolve_axes(g, op, op.inputs[1], static_cast<int>(in.shape.size())));
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const std::string params = e.op_prefix() + "_walk";
    e.use_runtime("tinyaot_rt/reduce.h");
    e.decl(fmt::format("constexpr tinyaot_rt::ReduceWalk {} = {};", params,
                       reduce_walk_init(op.prepared_as<ReducePrepared>().walks)));
    e.code(fmt::format("tinyaot_rt::reduce_min_max<{}>({}, {}, {});", is_max_ ? "true" : "false", params,
                       e.ptr(op.inputs[0]), e.ptr(op.outputs[0])));
  }

 private:
  std::string_view name_;
  int code_;
  bool is_max_;
};

}  // namespace

const OpDef& op_ReduceMax() {
  static const ReduceMinMax def("REDUCE_MAX", static_cast<int>(tfl::BuiltinOperator::REDUCE_MAX), true);
  return def;
}

const OpDef& op_ReduceMin() {
  static const ReduceMinMax def("REDUCE_MIN", static_cast<int>(tfl::BuiltinOperator::REDUCE_MIN), false);
  return def;
}

}  // namespace tinyaot
