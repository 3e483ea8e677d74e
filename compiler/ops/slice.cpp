// tinyaot: SLICE with constant begin and size (int32/int64; size -1 means "to the end"), input rank <= 6,
// any element type, quantization passed through. A strided walk of the input with unit steps
// (runtime_min/tinyaot_rt/strided_copy.h).
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct SlicePrepared : Prepared {
  CopyWalk walk;
};

class Slice final : public OpDef {
 public:
  std::string_view name() const override { return "SLICE"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::SLICE); }
  std::string_view summary() const override {
    return "any element type (quantization unchanged), rank <= 6; constant int32/int64 begin and size "
           "(size -1: to the end)";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 3, 3, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_int32_sized(g, op, in_id);
    expect_type(g, op, out_id, in.type);
    if (in.shape.size() > 6) op_error(g, op, ErrorKind::kUnsupported, "SLICE supports rank <= 6", in_id);
    const auto [begin, size] = geometry(g, op);
    expect_shape(g, op, out_id, Shape(size.begin(), size.end()));
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const auto [begin, size] = geometry(g, op);
    const std::vector<int64_t> strides = row_major_strides(g.tensor(op.inputs[0]).shape);
    int64_t offset = 0;
    for (std::size_t d = 0; d < begin.size(); ++d) offset += begin[d] * strides[d];
    auto p = std::make_shared<SlicePrepared>();
    p->walk = *make_copy_walk(size, strides, offset);  // rank <= 6
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    if (g.tensor(op.outputs[0]).num_elements() == 0) return;
    emit_strided_copy(e, g, op.inputs[0], op.outputs[0], op.prepared_as<SlicePrepared>().walk);
  }

 private:
  /// (begin, size) per dimension, size -1 resolved; checks the slice lies inside the input.
  static std::pair<std::vector<int64_t>, std::vector<int64_t>> geometry(const Graph& g, const Op& op) {
    const Shape& in = g.tensor(op.inputs[0]).shape;
    const std::vector<int64_t> begin = const_ints(g, op, op.inputs[1], "begin");
    std::vector<int64_t> size = const_ints(g, op, op.inputs[2], "size");
    if (begin.size() != in.size() || size.size() != in.size())
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("begin and size have {} and {} entries for an input of rank {}", begin.size(),
                           size.size(), in.size()));
    for (std::size_t d = 0; d < in.size(); ++d) {
      if (size[d] == -1) size[d] = in[d] - begin[d];
      if (begin[d] < 0 || size[d] < 0 || begin[d] + size[d] > in[d])
        op_error(g, op, ErrorKind::kInvalidModel,
                 fmt::format("slice [{}, {}) of dimension {} lies outside [0, {})", begin[d], begin[d] + size[d], d,
                             in[d]),
                 op.inputs[1]);
    }
    return {begin, size};
  }
};

}  // namespace

const OpDef& op_Slice() {
  static const Slice def;
  return def;
}

}  // namespace tinyaot
