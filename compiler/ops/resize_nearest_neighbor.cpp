// tinyaot: RESIZE_NEAREST_NEIGHBOR on 4-D NHWC tensors with a constant int32 size, align_corners and
// half_pixel_centers. The source row/column of every output row/column is computed here with TFLite's
// float GetNearestNeighbor (same float operations and rounding) and emitted as two tables; any element
// type, quantization passed through. runtime_min/tinyaot_rt/resize.h copies.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
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

struct NearestPrepared : Prepared {
  std::vector<int32_t> in_y, in_x;
};

/// TFLite's GetNearestNeighbor, operation for operation in float.
int32_t nearest(int value, int32_t in_size, int32_t out_size, bool align, bool half) {
  const float scale = (align && out_size > 1) ? static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1)
                                              : static_cast<float>(in_size) / static_cast<float>(out_size);
  const float offset = half ? 0.5f : 0.0f;
  const float pos = (static_cast<float>(value) + offset) * scale;
  int32_t r = std::min(align ? static_cast<int32_t>(std::round(pos)) : static_cast<int32_t>(std::floor(pos)),
                       in_size - 1);
  if (half) r = std::max(int32_t{0}, r);
  return r;
}

class ResizeNearestNeighbor final : public OpDef {
 public:
  std::string_view name() const override { return "RESIZE_NEAREST_NEIGHBOR"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::RESIZE_NEAREST_NEIGHBOR); }
  std::string_view summary() const override {
    return "any element type (quantization unchanged), 4-D NHWC input, constant int32 size; align_corners and "
           "half_pixel_centers";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<ResizeAttrs>();
    if (const tfl::ResizeNearestNeighborOptions* o = op.builtin_options_as_ResizeNearestNeighborOptions()) {
      a->align_corners = o->align_corners();
      a->half_pixel_centers = o->half_pixel_centers();
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int in_id = op.inputs[0], size_id = op.inputs[1], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_int32_sized(g, op, out_id);
    expect_type(g, op, out_id, in.type);
    if (in.shape.size() != 4)
      op_error(g, op, ErrorKind::kUnsupported, "RESIZE_NEAREST_NEIGHBOR supports 4-D input", in_id);
    const std::vector<int64_t> size = const_ints(g, op, size_id, "size");
    if (size.size() != 2 || size[0] < 1 || size[1] < 1 || size[0] > INT32_MAX || size[1] > INT32_MAX)
      op_error(g, op, ErrorKind::kInvalidModel, "size must hold two positive values", size_id);
    expect_shape(g, op, out_id,
                 {in.shape[0], static_cast<int32_t>(size[0]), static_cast<int32_t>(size[1]), in.shape[3]});
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Shape& in = g.tensor(op.inputs[0]).shape;
    const Shape& out = g.tensor(op.outputs[0]).shape;
    const auto& a = op.attrs_as<ResizeAttrs>();
    auto p = std::make_shared<NearestPrepared>();
    for (int y = 0; y < out[1]; ++y) p->in_y.push_back(nearest(y, in[1], out[1], a.align_corners, a.half_pixel_centers));
    for (int x = 0; x < out[2]; ++x) p->in_x.push_back(nearest(x, in[2], out[2], a.align_corners, a.half_pixel_centers));
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const Tensor& out = g.tensor(op.outputs[0]);
    if (out.num_elements() == 0) return;
    const Shape& in = g.tensor(op.inputs[0]).shape;
    const auto& p = op.prepared_as<NearestPrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/resize.h");
    const std::string ys = e.const_array(prefix + "_in_y", std::span<const int32_t>(p.in_y));
    const std::string xs = e.const_array(prefix + "_in_x", std::span<const int32_t>(p.in_x));
    e.decl(fmt::format("constexpr tinyaot_rt::ResizeParams {}_params = {{/*batches=*/{}, /*in=*/{}, {}, /*out=*/{}, "
                       "{}, /*depth=*/{}}};",
                       prefix, in[0], in[1], in[2], out.shape[1], out.shape[2], in[3]));
    e.code(fmt::format("tinyaot_rt::resize_nearest<{}>({}_params, {}, {}, {}, {});", dtype_ctype(out.type), prefix,
                       ys, xs, e.ptr(op.inputs[0]), e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_ResizeNearestNeighbor() {
  static const ResizeNearestNeighbor def;
  return def;
}

}  // namespace tinyaot
