// tinyaot: GATHER along one axis with batch_dims 0; int32 or int64 indices, constant (checked here) or
// computed at run time (checked by the kernel: invoke() returns 1 on an index out of range, where TFLite
// Micro fails the invoke). Any element type, quantization passed through. runtime_min/tinyaot_rt/gather.h.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct GatherAttrs : Attrs {
  int axis = 0;
  int batch_dims = 0;
  std::string dump() const override { return fmt::format("axis={} batch_dims={}", axis, batch_dims); }
};

struct GatherPrepared : Prepared {
  int64_t outer = 0, axis_size = 0, num_indices = 0, block_bytes = 0;
};

class Gather final : public OpDef {
 public:
  std::string_view name() const override { return "GATHER"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::GATHER); }
  std::string_view summary() const override {
    return "any element type (quantization unchanged); int32 or int64 indices, constant or computed (a run-time "
           "index out of range makes invoke() return 1); batch_dims 0";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<GatherAttrs>();
    if (const tfl::GatherOptions* o = op.builtin_options_as_GatherOptions()) {
      a->axis = o->axis();
      a->batch_dims = o->batch_dims();
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int in_id = op.inputs[0], idx_id = op.inputs[1], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    const Tensor& idx = g.tensor(idx_id);
    expect_movable_type(g, op, in_id);
    expect_int32_sized(g, op, in_id);
    expect_int32_sized(g, op, out_id);
    expect_type(g, op, out_id, in.type);
    if (idx.type != DType::kInt32 && idx.type != DType::kInt64)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("indices have type {}; GATHER supports int32 and int64", dtype_name(idx.type)), idx_id);
    if (op.attrs_as<GatherAttrs>().batch_dims != 0)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("batch_dims {} is not supported (only 0)", op.attrs_as<GatherAttrs>().batch_dims));
    const auto axis = gather_axis(g, op);
    Shape want(in.shape.begin(), in.shape.begin() + static_cast<std::ptrdiff_t>(axis));
    want.insert(want.end(), idx.shape.begin(), idx.shape.end());
    want.insert(want.end(), in.shape.begin() + static_cast<std::ptrdiff_t>(axis) + 1, in.shape.end());
    expect_shape(g, op, out_id, want);
    if (idx.is_const)
      for (int64_t v : const_ints(g, op, idx_id, "indices"))
        if (v < 0 || v >= in.shape[axis])
          op_error(g, op, ErrorKind::kInvalidModel,
                   fmt::format("index {} is outside [0, {})", v, in.shape[axis]), idx_id);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const std::size_t axis = gather_axis(g, op);
    auto p = std::make_shared<GatherPrepared>();
    p->outer = shape_product(in.shape, 0, axis);
    p->axis_size = in.shape[axis];
    p->num_indices = g.tensor(op.inputs[1]).num_elements();
    p->block_bytes = shape_product(in.shape, axis + 1, in.shape.size()) * static_cast<int64_t>(dtype_size(in.type));
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    if (g.tensor(op.outputs[0]).num_elements() == 0) return;
    const auto& p = op.prepared_as<GatherPrepared>();
    const std::string params = e.op_prefix() + "_params";
    e.use_runtime("tinyaot_rt/gather.h");
    e.decl(fmt::format("constexpr tinyaot_rt::GatherParams {} = {{/*outer=*/{}, /*axis_size=*/{}, "
                       "/*num_indices=*/{}, /*block_bytes=*/{}}};",
                       params, p.outer, p.axis_size, p.num_indices, p.block_bytes));
    const std::string call = fmt::format("tinyaot_rt::gather({}, {}, {}, {})", params, e.ptr(op.inputs[0]),
                                         e.ptr(op.inputs[1]), e.ptr(op.outputs[0]));
    // Constant indices were checked above; computed ones can fail the invoke as in TFLite Micro.
    if (g.tensor(op.inputs[1]).is_const) e.code(fmt::format("(void){};", call));
    else e.code(fmt::format("if (!{}) return 1;", call));
  }

 private:
  static std::size_t gather_axis(const Graph& g, const Op& op) {
    const int rank = static_cast<int>(g.tensor(op.inputs[0]).shape.size());
    return static_cast<std::size_t>(normalize_axis(g, op, op.attrs_as<GatherAttrs>().axis, rank, op.inputs[0]));
  }
};

}  // namespace

const OpDef& op_Gather() {
  static const Gather def;
  return def;
}

}  // namespace tinyaot
