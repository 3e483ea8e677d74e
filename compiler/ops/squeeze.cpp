// tinyaot: SQUEEZE: removes unit dimensions (the listed squeeze_dims, or all of them). Any element type.
// A view like RESHAPE: the planner normally lets the output share the input's bytes and no code is
// emitted; otherwise (constant input, or no aliasing) the bytes are copied with tinyaot_rt/copy.h.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct SqueezeAttrs : Attrs {
  std::vector<int32_t> dims;  ///< empty: every unit dimension
  std::string dump() const override { return fmt::format("squeeze_dims=[{}]", fmt::join(dims, ",")); }
};

class Squeeze final : public OpDef {
 public:
  std::string_view name() const override { return "SQUEEZE"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::SQUEEZE); }
  std::string_view summary() const override {
    return "any element type; listed (or all) unit dimensions; no code when the output can share the input's "
           "memory";
  }
  bool is_view() const override { return true; }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<SqueezeAttrs>();
    if (const tfl::SqueezeOptions* o = op.builtin_options_as_SqueezeOptions(); o && o->squeeze_dims())
      a->dims.assign(o->squeeze_dims()->begin(), o->squeeze_dims()->end());
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_type(g, op, out_id, in.type);
    const int rank = static_cast<int>(in.shape.size());
    std::vector<int> drop;
    for (int32_t d : op.attrs_as<SqueezeAttrs>().dims) {
      const int a = normalize_axis(g, op, d, rank, in_id);
      if (in.shape[static_cast<std::size_t>(a)] != 1)
        op_error(g, op, ErrorKind::kInvalidModel,
                 fmt::format("cannot squeeze dimension {} of size {}", a, in.shape[static_cast<std::size_t>(a)]),
                 in_id);
      drop.push_back(a);
    }
    Shape want;
    for (int i = 0; i < rank; ++i) {
      const int32_t d = in.shape[static_cast<std::size_t>(i)];
      const bool squeezed =
          drop.empty() ? d == 1 : std::find(drop.begin(), drop.end(), i) != drop.end();
      if (!squeezed) want.push_back(d);
    }
    expect_shape(g, op, out_id, want);
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    e.use_runtime("tinyaot_rt/copy.h");
    e.code(fmt::format("tinyaot_rt::copy_bytes({}, {}, {});", e.ptr(op.inputs[0]), e.ptr(op.outputs[0]),
                       g.tensor(op.outputs[0]).bytes()));
  }
};

}  // namespace

const OpDef& op_Squeeze() {
  static const Squeeze def;
  return def;
}

}  // namespace tinyaot
