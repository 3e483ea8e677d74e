// tinyaot: RESHAPE. Any element type; the new shape comes from the second input (constant) or from
// ReshapeOptions.new_shape, with one -1 allowed. A view: the planner normally makes the output share the
// input's bytes and no code is emitted; otherwise (constant input, or no aliasing) the bytes are copied
// with runtime_min/tinyaot_rt/copy.h.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

/// a * b for non-negative a, b, capped at 2^62: new-shape values come from the model and their product
/// must not overflow (a capped count never equals a real element count, so the checks refuse it).
int64_t saturating_mul(int64_t a, int64_t b) {
  constexpr int64_t kCap = int64_t{1} << 62;
  return (b != 0 && a > kCap / b) ? kCap : a * b;
}


struct ReshapeAttrs : Attrs {
  std::vector<int32_t> new_shape;  ///< from the options (may be empty)
  bool has_new_shape = false;
  std::string dump() const override {
    return has_new_shape ? fmt::format("new_shape=[{}]", fmt::join(new_shape, ",")) : std::string("new_shape=none");
  }
};

class Reshape final : public OpDef {
 public:
  std::string_view name() const override { return "RESHAPE"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::RESHAPE); }
  std::string_view summary() const override {
    return "any element type; shape from a constant second input or the options; no code when the output "
           "can share the input's memory";
  }
  bool is_view() const override { return true; }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<ReshapeAttrs>();
    if (const tfl::ReshapeOptions* o = op.builtin_options_as_ReshapeOptions(); o && o->new_shape()) {
      a->has_new_shape = true;
      a->new_shape.assign(o->new_shape()->begin(), o->new_shape()->end());
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 2, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    const Tensor& out = g.tensor(out_id);
    expect_type(g, op, out_id, in.type);
    if (dtype_size(in.type) == 0)
      op_error(g, op, ErrorKind::kUnsupported, fmt::format("type {} is not supported", dtype_name(in.type)), in_id);
    // The requested shape: the constant shape tensor, else the options, else (TFLite Micro's own rule,
    // which only reads the model's output shape) the output tensor as it is.
    std::vector<int64_t> want;
    const int shape_id = op.inputs.size() >= 2 ? op.inputs[1] : -1;
    const Tensor* s = shape_id >= 0 ? &g.tensor(shape_id) : nullptr;
    if (s && s->is_const && s->shape.size() == 1 && s->num_elements() > 0 &&
        (s->type == DType::kInt32 || s->type == DType::kInt64)) {
      for (int64_t i = 0; i < s->num_elements(); ++i)
        want.push_back(s->type == DType::kInt64 ? s->data_as<int64_t>()[i] : s->data_as<int32_t>()[i]);
    } else if (op.attrs_as<ReshapeAttrs>().has_new_shape) {
      const auto& ns = op.attrs_as<ReshapeAttrs>().new_shape;
      want.assign(ns.begin(), ns.end());
    } else {
      want.assign(out.shape.begin(), out.shape.end());
    }
    // Resolve one -1 from the element count, as TFLite does.
    int64_t known = 1;
    int unknown = -1;
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (want[i] == -1 && unknown < 0) unknown = static_cast<int>(i);
      else if (want[i] < 0)
        op_error(g, op, ErrorKind::kInvalidModel, fmt::format("new shape has invalid dimension {}", want[i]));
      else known = saturating_mul(known, want[i]);
    }
    if (unknown >= 0) want[static_cast<std::size_t>(unknown)] = known > 0 ? in.num_elements() / known : 0;
    Shape ws(want.begin(), want.end());
    int64_t count = 1;
    for (int64_t d : want) count = saturating_mul(count, d);
    if (count != in.num_elements())
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("new shape [{}] has {} elements, the input {} ({})", fmt::join(ws, ", "), count,
                           describe(in), in.num_elements()),
               out_id);
    if (out.shape != ws)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("has shape [{}], the new shape is [{}]", fmt::join(out.shape, ", "), fmt::join(ws, ", ")),
               out_id);
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    e.use_runtime("tinyaot_rt/copy.h");
    e.code(fmt::format("tinyaot_rt::copy_bytes({}, {}, {});", e.ptr(op.inputs[0]), e.ptr(op.outputs[0]),
                       g.tensor(op.outputs[0]).bytes()));
  }
};

}  // namespace

const OpDef& op_Reshape() {
  static const Reshape def;
  return def;
}

}  // namespace tinyaot
