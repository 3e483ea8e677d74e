// tinyaot: RESIZE_BILINEAR on 4-D NHWC int8/int16 tensors with a constant int32 size, align_corners or
// half_pixel_centers (not both), as TFLite's ResizeBilinearInteger (TFLite Micro runs it for int8; int16
// follows the same integer path). The 10-bit fixed-point scale and each output row's and column's source
// rows/columns and fractions are computed here and emitted as tables; runtime_min/tinyaot_rt/resize.h
// blends. Quantization passed through.
#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct ResizeAttrs : Attrs {
  bool align_corners = false, half_pixel_centers = false;
  std::string dump() const override {
    return fmt::format("align_corners={} half_pixel_centers={}", align_corners, half_pixel_centers);
  }
};

/// Source positions along one axis (tinyaot_rt::BilinearAxis).
struct AxisTable {
  std::vector<int32_t> lower, upper, frac;
};

/// TFLite's height/width_scale_10 and ComputeInterpolationValuesInteger for every output index. C++
/// integer division truncates toward zero, as in TFLite (the position is negative only at the first
/// half-pixel row/column, where both bounds become 0).
AxisTable axis_table(int64_t in, int64_t out, bool align, bool half) {
  int64_t scale = ((int64_t{1} << 10) * in + out / 2) / out;
  if (align && out > 1) scale = ((int64_t{1} << 10) * (in - 1) + (out - 1) / 2) / (out - 1);
  AxisTable t;
  for (int64_t v = 0; v < out; ++v) {
    const int64_t pos = half ? v * scale + scale / 2 - (1 << 9) : v * scale;
    const int64_t lower = std::max<int64_t>(pos / (1 << 10), 0);
    const int64_t upper = std::min<int64_t>((pos + (1 << 10) - 1) / (1 << 10), in - 1);
    t.lower.push_back(static_cast<int32_t>(lower));
    t.upper.push_back(static_cast<int32_t>(upper));
    t.frac.push_back(static_cast<int32_t>(pos - (lower << 10)));
  }
  return t;
}

struct BilinearPrepared : Prepared {
  AxisTable ys, xs;
};

class ResizeBilinear final : public OpDef {
 public:
  std::string_view name() const override { return "RESIZE_BILINEAR"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::RESIZE_BILINEAR); }
  std::string_view summary() const override {
    return "int8 or int16 (quantization unchanged), 4-D NHWC input, constant int32 size; align_corners or "
           "half_pixel_centers (not both); TFLite's integer (10-bit fixed-point) interpolation";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<ResizeAttrs>();
    if (const tfl::ResizeBilinearOptions* o = op.builtin_options_as_ResizeBilinearOptions()) {
      a->align_corners = o->align_corners();
      a->half_pixel_centers = o->half_pixel_centers();
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int in_id = op.inputs[0], size_id = op.inputs[1], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    if (in.type != DType::kInt8 && in.type != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; RESIZE_BILINEAR supports int8 and int16", dtype_name(in.type)), in_id);
    expect_type(g, op, out_id, in.type);
    expect_int32_sized(g, op, out_id);
    if (in.shape.size() != 4) op_error(g, op, ErrorKind::kUnsupported, "RESIZE_BILINEAR supports 4-D input", in_id);
    const auto& a = op.attrs_as<ResizeAttrs>();
    if (a.align_corners && a.half_pixel_centers)
      op_error(g, op, ErrorKind::kInvalidModel, "align_corners and half_pixel_centers cannot both be set");
    const std::vector<int64_t> size = const_ints(g, op, size_id, "size");
    // Bounded so that TFLite's int32 position arithmetic (index * scale_10) cannot overflow.
    if (size.size() != 2 || size[0] < 1 || size[1] < 1 || size[0] > 32768 || size[1] > 32768 ||
        in.shape[1] > 32768 || in.shape[2] > 32768)
      op_error(g, op, ErrorKind::kUnsupported, "size must hold two values in [1, 32768] (input too)", size_id);
    expect_shape(g, op, out_id,
                 {in.shape[0], static_cast<int32_t>(size[0]), static_cast<int32_t>(size[1]), in.shape[3]});
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Shape& in = g.tensor(op.inputs[0]).shape;
    const Shape& out = g.tensor(op.outputs[0]).shape;
    const auto& a = op.attrs_as<ResizeAttrs>();
    auto p = std::make_shared<BilinearPrepared>();
    p->ys = axis_table(in[1], out[1], a.align_corners, a.half_pixel_centers);
    p->xs = axis_table(in[2], out[2], a.align_corners, a.half_pixel_centers);
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const Tensor& out = g.tensor(op.outputs[0]);
    if (out.num_elements() == 0) return;
    const Shape& in = g.tensor(op.inputs[0]).shape;
    const auto& p = op.prepared_as<BilinearPrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/resize.h");
    auto axis = [&](const AxisTable& t, const char* tag) {
      return fmt::format("{{{}, {}, {}}}", e.const_array(prefix + tag + "_lower", std::span<const int32_t>(t.lower)),
                         e.const_array(prefix + tag + "_upper", std::span<const int32_t>(t.upper)),
                         e.const_array(prefix + tag + "_frac", std::span<const int32_t>(t.frac)));
    };
    e.decl(fmt::format("constexpr tinyaot_rt::ResizeParams {}_params = {{/*batches=*/{}, /*in=*/{}, {}, /*out=*/{}, "
                       "{}, /*depth=*/{}}};",
                       prefix, in[0], in[1], in[2], out.shape[1], out.shape[2], in[3]));
    e.code(fmt::format("tinyaot_rt::resize_bilinear<{}>({}_params, tinyaot_rt::BilinearAxis{}, "
                       "tinyaot_rt::BilinearAxis{}, {}, {});",
                       dtype_ctype(out.type), prefix, axis(p.ys, "_y"), axis(p.xs, "_x"), e.ptr(op.inputs[0]),
                       e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_ResizeBilinear() {
  static const ResizeBilinear def;
  return def;
}

}  // namespace tinyaot
