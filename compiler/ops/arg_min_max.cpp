// tinyaot: ARG_MAX and ARG_MIN along one constant axis (int32/int64); int8, int16 or int32 input; int32
// or int64 output. Ties go to the first index, as TFLite's reference ArgMinMax (strict comparison).
// runtime_min/tinyaot_rt/arg_min_max.h.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct ArgPrepared : Prepared {
  int64_t outer = 0, axis_size = 0, inner = 0;
};

class ArgMinMaxOp final : public OpDef {
 public:
  ArgMinMaxOp(std::string_view name, int code, bool is_max) : name_(name), code_(code), is_max_(is_max) {}
  std::string_view name() const override { return name_; }
  int builtin_code() const override { return code_; }
  std::string_view summary() const override {
    return "int8, int16 or int32 input (raw values compared), constant int32/int64 axis, int32 or int64 "
           "output; ties resolve to the first index";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    const Tensor& out = g.tensor(out_id);
    if (in.type != DType::kInt8 && in.type != DType::kInt16 && in.type != DType::kInt32)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; {} supports int8, int16 and int32", dtype_name(in.type), name_), in_id);
    if (out.type != DType::kInt32 && out.type != DType::kInt64)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("output has type {}; {} supports int32 and int64", dtype_name(out.type), name_), out_id);
    expect_int32_sized(g, op, in_id);
    if (in.shape.empty()) op_error(g, op, ErrorKind::kInvalidModel, "input must have rank >= 1", in_id);
    const std::size_t axis = arg_axis(g, op);
    if (in.shape[axis] == 0) op_error(g, op, ErrorKind::kInvalidModel, "reduced dimension is empty", in_id);
    Shape want = in.shape;
    want.erase(want.begin() + static_cast<std::ptrdiff_t>(axis));
    expect_shape(g, op, out_id, want);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Shape& s = g.tensor(op.inputs[0]).shape;
    const std::size_t axis = arg_axis(g, op);
    auto p = std::make_shared<ArgPrepared>();
    p->outer = shape_product(s, 0, axis);
    p->axis_size = s[axis];
    p->inner = shape_product(s, axis + 1, s.size());
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    if (g.tensor(op.outputs[0]).num_elements() == 0) return;
    const auto& p = op.prepared_as<ArgPrepared>();
    const std::string params = e.op_prefix() + "_params";
    e.use_runtime("tinyaot_rt/arg_min_max.h");
    e.decl(fmt::format("constexpr tinyaot_rt::ArgMinMaxParams {} = {{/*outer=*/{}, /*axis_size=*/{}, /*inner=*/{}}};",
                       params, p.outer, p.axis_size, p.inner));
    e.code(fmt::format("tinyaot_rt::arg_min_max<{}, {}, {}>({}, {}, {});", is_max_ ? "true" : "false",
                       dtype_ctype(g.tensor(op.inputs[0]).type), dtype_ctype(g.tensor(op.outputs[0]).type), params,
                       e.ptr(op.inputs[0]), e.ptr(op.outputs[0])));
  }

 private:
  static std::size_t arg_axis(const Graph& g, const Op& op) {
    const std::vector<int64_t> v = const_ints(g, op, op.inputs[1], "axis");
    if (v.size() != 1) op_error(g, op, ErrorKind::kInvalidModel, "axis must have one element", op.inputs[1]);
    const int rank = static_cast<int>(g.tensor(op.inputs[0]).shape.size());
    return static_cast<std::size_t>(normalize_axis(g, op, v[0], rank, op.inputs[1]));
  }

  std::string_view name_;
  int code_;
  bool is_max_;
};

}  // namespace

const OpDef& op_ArgMax() {
  static const ArgMinMaxOp def("ARG_MAX", static_cast<int>(tfl::BuiltinOperator::ARG_MAX), true);
  return def;
}

const OpDef& op_ArgMin() {
  static const ArgMinMaxOp def("ARG_MIN", static_cast<int>(tfl::BuiltinOperator::ARG_MIN), false);
  return def;
}

}  // namespace tinyaot
