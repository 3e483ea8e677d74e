// tinyaot: UNPACK a tensor into its N slices along one axis (that axis removed). Any element type,
// quantization passed through. Each output is one pitched row copy out of the input
// (runtime_min/tinyaot_rt/strided_copy.h).
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct UnpackAttrs : Attrs {
  int num = 0;
  int axis = 0;
  std::string dump() const override { return fmt::format("num={} axis={}", num, axis); }
};

struct UnpackPrepared : Prepared {
  std::vector<RowCopy> copies;
};

class Unpack final : public OpDef {
 public:
  std::string_view name() const override { return "UNPACK"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::UNPACK); }
  std::string_view summary() const override { return "any element type (quantization unchanged), any rank"; }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op& ir) const override {
    auto a = std::make_shared<UnpackAttrs>();
    a->num = static_cast<int>(ir.outputs.size());
    if (const tfl::UnpackOptions* o = op.builtin_options_as_UnpackOptions()) {
      a->num = o->num();
      a->axis = o->axis();
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, op.outputs.empty() ? 1 : op.outputs.size());
    const int in_id = op.inputs[0];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_int32_sized(g, op, in_id);
    const std::size_t axis = unpack_axis(g, op);
    const int n = op.attrs_as<UnpackAttrs>().num;
    if (in.shape[axis] != n || n != static_cast<int>(op.outputs.size()))
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("num is {}, dimension {} has {} and the op {} outputs", n, axis, in.shape[axis],
                           op.outputs.size()),
               in_id);
    Shape want = in.shape;
    want.erase(want.begin() + static_cast<std::ptrdiff_t>(axis));
    for (int id : op.outputs) {
      expect_type(g, op, id, in.type);
      expect_shape(g, op, id, want);
    }
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    auto p = std::make_shared<UnpackPrepared>();
    p->copies = axis_piece_copies(in.shape, unpack_axis(g, op), std::vector<int64_t>(op.outputs.size(), 1),
                                  static_cast<int64_t>(dtype_size(in.type)), false);
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    emit_copy_rows(e, op.prepared_as<UnpackPrepared>().copies, std::vector<int>(op.outputs.size(), op.inputs[0]),
                   op.outputs);
  }

 private:
  static std::size_t unpack_axis(const Graph& g, const Op& op) {
    const Tensor& in = g.tensor(op.inputs[0]);
    return static_cast<std::size_t>(
        normalize_axis(g, op, op.attrs_as<UnpackAttrs>().axis, static_cast<int>(in.shape.size()), op.inputs[0]));
  }
};

}  // namespace

const OpDef& op_Unpack() {
  static const Unpack def;
  return def;
}

}  // namespace tinyaot
