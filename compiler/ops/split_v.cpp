// tinyaot: SPLIT_V into pieces of constant sizes (one may be -1: the rest) along a constant axis. Any
// element type, quantization passed through. Each output is one pitched row copy out of the input
// (runtime_min/tinyaot_rt/strided_copy.h).
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct SplitVPrepared : Prepared {
  std::vector<RowCopy> copies;
};

class SplitV final : public OpDef {
 public:
  std::string_view name() const override { return "SPLIT_V"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::SPLIT_V); }
  std::string_view summary() const override {
    return "any element type (quantization unchanged); constant int32/int64 size_splits (one -1 allowed) "
           "and axis";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 3, 3, op.outputs.empty() ? 1 : op.outputs.size());
    const int in_id = op.inputs[0];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_int32_sized(g, op, in_id);
    const std::size_t axis = split_axis(g, op);
    const std::vector<int64_t> sizes = piece_sizes(g, op, axis);
    for (std::size_t i = 0; i < op.outputs.size(); ++i) {
      Shape want = in.shape;
      want[axis] = static_cast<int32_t>(sizes[i]);
      expect_type(g, op, op.outputs[i], in.type);
      expect_shape(g, op, op.outputs[i], want);
    }
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const std::size_t axis = split_axis(g, op);
    auto p = std::make_shared<SplitVPrepared>();
    p->copies = axis_piece_copies(in.shape, axis, piece_sizes(g, op, axis),
                                  static_cast<int64_t>(dtype_size(in.type)), false);
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    emit_copy_rows(e, op.prepared_as<SplitVPrepared>().copies, std::vector<int>(op.outputs.size(), op.inputs[0]),
                   op.outputs);
  }

 private:
  static std::size_t split_axis(const Graph& g, const Op& op) {
    const std::vector<int64_t> v = const_ints(g, op, op.inputs[2], "axis");
    if (v.size() != 1) op_error(g, op, ErrorKind::kInvalidModel, "axis must have one element", op.inputs[2]);
    const int rank = static_cast<int>(g.tensor(op.inputs[0]).shape.size());
    return static_cast<std::size_t>(normalize_axis(g, op, v[0], rank, op.inputs[2]));
  }

  /// The sizes with the -1 entry resolved; checks they cover the axis exactly.
  static std::vector<int64_t> piece_sizes(const Graph& g, const Op& op, std::size_t axis) {
    const int sizes_id = op.inputs[1];
    std::vector<int64_t> sizes = const_ints(g, op, sizes_id, "size_splits");
    const int64_t extent = g.tensor(op.inputs[0]).shape[axis];
    if (sizes.size() != op.outputs.size())
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("size_splits has {} entries for {} outputs", sizes.size(), op.outputs.size()), sizes_id);
    int64_t known = 0;
    int unknown = -1;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      if (sizes[i] == -1 && unknown < 0) unknown = static_cast<int>(i);
      else if (sizes[i] < 0)
        op_error(g, op, ErrorKind::kInvalidModel, fmt::format("invalid split size {}", sizes[i]), sizes_id);
      else known += sizes[i];
    }
    if (unknown >= 0) sizes[static_cast<std::size_t>(unknown)] = extent - known;
    if ((unknown >= 0 && known > extent) || (unknown < 0 && known != extent))
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("size_splits [{}] do not add up to dimension {} ({})", fmt::join(sizes, ", "), axis,
                           extent),
               sizes_id);
    return sizes;
  }
};

}  // namespace

const OpDef& op_SplitV() {
  static const SplitV def;
  return def;
}

}  // namespace tinyaot
