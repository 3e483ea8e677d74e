// tinyaot: EXPAND_DIMS: inserts a unit dimension at a constant axis (int32/int64 scalar, in
// [-rank - 1, rank]). Any element type. A view like RESHAPE: normally no code (the output shares the
// input's bytes), otherwise a byte copy with tinyaot_rt/copy.h.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

class ExpandDims final : public OpDef {
 public:
  std::string_view name() const override { return "EXPAND_DIMS"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::EXPAND_DIMS); }
  std::string_view summary() const override {
    return "any element type; constant int32/int64 axis; no code when the output can share the input's memory";
  }
  bool is_view() const override { return true; }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int in_id = op.inputs[0], axis_id = op.inputs[1], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_type(g, op, out_id, in.type);
    const std::vector<int64_t> axis = const_ints(g, op, axis_id, "axis");
    if (axis.size() != 1) op_error(g, op, ErrorKind::kInvalidModel, "axis must have one element", axis_id);
    const int rank = static_cast<int>(in.shape.size());
    const auto a = static_cast<std::size_t>(normalize_axis(g, op, axis[0], rank + 1, axis_id));
    Shape want = in.shape;
    want.insert(want.begin() + static_cast<std::ptrdiff_t>(a), 1);
    expect_shape(g, op, out_id, want);
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    e.use_runtime("tinyaot_rt/copy.h");
    e.code(fmt::format("tinyaot_rt::copy_bytes({}, {}, {});", e.ptr(op.inputs[0]), e.ptr(op.outputs[0]),
                       g.tensor(op.outputs[0]).bytes()));
  }
};

}  // namespace

const OpDef& op_ExpandDims() {
  static const ExpandDims def;
  return def;
}

}  // namespace tinyaot
