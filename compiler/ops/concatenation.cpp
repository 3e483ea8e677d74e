// tinyaot: CONCATENATION along one axis, rank <= 6, no requantization. As TFLite Micro: int8 inputs must
// have exactly the output's scale and zero point, int16 tensors zero point 0, no fused activation. Each
// input becomes one pitched row copy (runtime_min/tinyaot_rt/strided_copy.h) into its slot of the output.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct ConcatAttrs : Attrs {
  int axis = 0;
  int activation = 0;
  std::string dump() const override { return fmt::format("axis={} activation={}", axis, activation); }
};

struct ConcatPrepared : Prepared {
  std::vector<RowCopy> copies;
};

class Concatenation final : public OpDef {
 public:
  std::string_view name() const override { return "CONCATENATION"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::CONCATENATION); }
  std::string_view summary() const override {
    return "any element type, rank <= 6, any number of inputs, no fused activation; no requantization: int8 "
           "inputs must have the output's scale and zero point, int16 zero points must be 0 (as TFLite Micro)";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<ConcatAttrs>();
    if (const tfl::ConcatenationOptions* o = op.builtin_options_as_ConcatenationOptions()) {
      a->axis = o->axis();
      a->activation = static_cast<int>(o->fused_activation_function());
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1000, 1);
    const int out_id = op.outputs[0];
    const Tensor& out = g.tensor(out_id);
    const auto& a = op.attrs_as<ConcatAttrs>();
    if (a.activation != 0)
      op_error(g, op, ErrorKind::kUnsupported, "a fused activation is not supported (TFLite Micro rejects it)");
    expect_movable_type(g, op, out_id);
    expect_int32_sized(g, op, out_id);
    const int rank = static_cast<int>(out.shape.size());
    if (rank > 6) op_error(g, op, ErrorKind::kUnsupported, "CONCATENATION supports rank <= 6", out_id);
    const int axis = normalize_axis(g, op, a.axis, rank);
    int64_t total = 0;
    for (int id : op.inputs) {
      if (id < 0) op_error(g, op, ErrorKind::kInvalidModel, "an input is missing");
      const Tensor& in = g.tensor(id);
      expect_type(g, op, id, out.type);
      bool fits = in.shape.size() == out.shape.size();
      for (int d = 0; fits && d < rank; ++d)
        fits = d == axis || in.shape[static_cast<std::size_t>(d)] == out.shape[static_cast<std::size_t>(d)];
      if (!fits)
        op_error(g, op, ErrorKind::kInvalidModel,
                 fmt::format("shape [{}] does not fit the output [{}] outside axis {}", fmt::join(in.shape, ", "),
                             fmt::join(out.shape, ", "), axis),
                 id);
      total += in.shape[static_cast<std::size_t>(axis)];
      if (out.type == DType::kInt8 && (in.quant.s() != out.quant.s() || in.quant.zp() != out.quant.zp()))
        op_error(g, op, ErrorKind::kUnsupported,
                 fmt::format("int8 input has scale {} zero point {}, the output {} / {}; CONCATENATION does not "
                             "requantize (TFLite Micro requires equal quantization: insert a QUANTIZE)",
                             in.quant.s(), in.quant.zp(), out.quant.s(), out.quant.zp()),
                 id);
      if (out.type == DType::kInt16 && in.quant.zp() != 0)
        op_error(g, op, ErrorKind::kUnsupported, "int16 inputs must have zero point 0", id);
    }
    if (out.type == DType::kInt16 && out.quant.zp() != 0)
      op_error(g, op, ErrorKind::kUnsupported, "int16 output must have zero point 0", out_id);
    if (total != out.shape[static_cast<std::size_t>(axis)])
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("inputs add up to {} along axis {}, the output has {}", total, axis,
                           out.shape[static_cast<std::size_t>(axis)]),
               out_id);
  }

  int placement_axis(const Graph& g, const Op& op) const override {
    const int rank = static_cast<int>(g.tensor(op.outputs[0]).shape.size());
    return normalize_axis(g, op, op.attrs_as<ConcatAttrs>().axis, rank);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& out = g.tensor(op.outputs[0]);
    const int rank = static_cast<int>(out.shape.size());
    const auto axis = static_cast<std::size_t>(normalize_axis(g, op, op.attrs_as<ConcatAttrs>().axis, rank));
    std::vector<int64_t> sizes;
    for (int id : op.inputs) sizes.push_back(g.tensor(id).shape[axis]);
    auto p = std::make_shared<ConcatPrepared>();
    p->copies = axis_piece_copies(out.shape, axis, sizes, static_cast<int64_t>(dtype_size(out.type)), true);
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<ConcatPrepared>();
    emit_copy_rows(e, p.copies, op.inputs, std::vector<int>(op.inputs.size(), op.outputs[0]));
  }
};

}  // namespace

const OpDef& op_Concatenation() {
  static const Concatenation def;
  return def;
}

}  // namespace tinyaot
