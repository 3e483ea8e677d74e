// tinyaot: SPLIT into num_splits equal pieces along a constant axis (input 0 is the axis, input 1 the
// data). Any element type, quantization passed through. Each output is one pitched row copy out of the
// input (runtime_min/tinyaot_rt/strided_copy.h).
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct SplitAttrs : Attrs {
  int num_splits = 0;
  std::string dump() const override { return fmt::format("num_splits={}", num_splits); }
};

struct SplitPrepared : Prepared {
  std::vector<RowCopy> copies;
};

class Split final : public OpDef {
 public:
  std::string_view name() const override { return "SPLIT"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::SPLIT); }
  std::string_view summary() const override {
    return "any element type (quantization unchanged); constant int32/int64 axis; equal pieces";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op& ir) const override {
    auto a = std::make_shared<SplitAttrs>();
    a->num_splits = static_cast<int>(ir.outputs.size());
    if (const tfl::SplitOptions* o = op.builtin_options_as_SplitOptions()) a->num_splits = o->num_splits();
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    const int n = op.attrs_as<SplitAttrs>().num_splits;
    if (n <= 0) op_error(g, op, ErrorKind::kInvalidModel, fmt::format("num_splits is {}", n));
    expect_io_count(g, op, 2, 2, static_cast<std::size_t>(n));
    const int in_id = op.inputs[1];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_int32_sized(g, op, in_id);
    const std::size_t axis = split_axis(g, op);
    if (in.shape[axis] % n != 0)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("dimension {} ({}) does not divide into {} pieces", axis, in.shape[axis], n), in_id);
    Shape want = in.shape;
    want[axis] /= n;
    for (int id : op.outputs) {
      expect_type(g, op, id, in.type);
      expect_shape(g, op, id, want);
    }
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[1]);
    const std::size_t axis = split_axis(g, op);
    const std::vector<int64_t> sizes(op.outputs.size(), in.shape[axis] / static_cast<int64_t>(op.outputs.size()));
    auto p = std::make_shared<SplitPrepared>();
    p->copies = axis_piece_copies(in.shape, axis, sizes, static_cast<int64_t>(dtype_size(in.type)), false);
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    emit_copy_rows(e, op.prepared_as<SplitPrepared>().copies, std::vector<int>(op.outputs.size(), op.inputs[1]),
                   op.outputs);
  }

 private:
  static std::size_t split_axis(const Graph& g, const Op& op) {
    const std::vector<int64_t> v = const_ints(g, op, op.inputs[0], "axis");
    if (v.size() != 1) op_error(g, op, ErrorKind::kInvalidModel, "axis must have one element", op.inputs[0]);
    const int rank = static_cast<int>(g.tensor(op.inputs[1]).shape.size());
    return static_cast<std::size_t>(normalize_axis(g, op, v[0], rank, op.inputs[0]));
  }
};

}  // namespace

const OpDef& op_Split() {
  static const Split def;
  return def;
}

}  // namespace tinyaot
