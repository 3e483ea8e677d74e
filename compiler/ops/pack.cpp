// tinyaot: PACK of N equally shaped tensors along a new axis. Any element type, quantization passed
// through (TFLite Micro copies raw values). Each input is one pitched row copy into its slot of the output
// (runtime_min/tinyaot_rt/strided_copy.h).
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct PackAttrs : Attrs {
  int values_count = 0;
  int axis = 0;
  std::string dump() const override { return fmt::format("values_count={} axis={}", values_count, axis); }
};

struct PackPrepared : Prepared {
  std::vector<RowCopy> copies;
};

class Pack final : public OpDef {
 public:
  std::string_view name() const override { return "PACK"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::PACK); }
  std::string_view summary() const override {
    return "any element type (quantization unchanged), any rank, any number of inputs";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op& ir) const override {
    auto a = std::make_shared<PackAttrs>();
    a->values_count = static_cast<int>(ir.inputs.size());
    if (const tfl::PackOptions* o = op.builtin_options_as_PackOptions()) {
      a->values_count = o->values_count();
      a->axis = o->axis();
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    const auto& a = op.attrs_as<PackAttrs>();
    expect_io_count(g, op, 1, 100000, 1);
    if (a.values_count != static_cast<int>(op.inputs.size()))
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("values_count is {}, the op has {} inputs", a.values_count, op.inputs.size()));
    const int out_id = op.outputs[0];
    const Tensor& first = g.tensor(op.inputs[0]);
    expect_movable_type(g, op, op.inputs[0]);
    expect_int32_sized(g, op, out_id);
    const int out_rank = static_cast<int>(first.shape.size()) + 1;
    const auto axis = static_cast<std::size_t>(normalize_axis(g, op, a.axis, out_rank));
    for (int id : op.inputs) {
      if (id < 0) op_error(g, op, ErrorKind::kInvalidModel, "an input is missing");
      expect_type(g, op, id, first.type);
      expect_shape(g, op, id, first.shape);
    }
    Shape want = first.shape;
    want.insert(want.begin() + static_cast<std::ptrdiff_t>(axis), static_cast<int32_t>(op.inputs.size()));
    expect_type(g, op, out_id, first.type);
    expect_shape(g, op, out_id, want);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& out = g.tensor(op.outputs[0]);
    const auto axis = static_cast<std::size_t>(
        normalize_axis(g, op, op.attrs_as<PackAttrs>().axis, static_cast<int>(out.shape.size())));
    auto p = std::make_shared<PackPrepared>();
    p->copies = axis_piece_copies(out.shape, axis, std::vector<int64_t>(op.inputs.size(), 1),
                                  static_cast<int64_t>(dtype_size(out.type)), true);
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    emit_copy_rows(e, op.prepared_as<PackPrepared>().copies, op.inputs,
                   std::vector<int>(op.inputs.size(), op.outputs[0]));
  }
};

}  // namespace

const OpDef& op_Pack() {
  static const Pack def;
  return def;
}

}  // namespace tinyaot
