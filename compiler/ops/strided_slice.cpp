// tinyaot: STRIDED_SLICE with constant begin/end/strides (int32/int64), input rank <= 6, any element type.
// The sparse slice spec (ellipsis_mask, new_axis_mask) is expanded to one entry per input dimension as
// TensorFlow defines it; each dimension's start and stop then follow TFLite's StridedSliceStartForAxis /
// StridedSliceEndForAxis (negative indices, clamping, begin/end masks, shrink_axis_mask, offset). The
// result is a strided walk of the input (runtime_min/tinyaot_rt/strided_copy.h). TFLite Micro itself
// ignores ellipsis_mask, new_axis_mask and offset; models that use them only agree with TFLite.
#include <fmt/format.h>

#include <algorithm>
#include <bit>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct StridedSliceAttrs : Attrs {
  int begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0;
  bool offset = false;
  std::string dump() const override {
    return fmt::format("begin_mask={} end_mask={} ellipsis_mask={} new_axis_mask={} shrink_axis_mask={} offset={}",
                       begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask, offset);
  }
};

/// One input dimension of the dense spec.
struct DenseDim {
  int64_t begin = 0, end = 0, stride = 1;
  bool begin_mask = true, end_mask = true, shrink = false;
};

/// The slice resolved: per input dimension the first index, the step and the element count; and the
/// output shape (new axes inserted, shrunk dimensions removed).
struct SliceGeometry {
  std::vector<int64_t> start, step, count;
  Shape out_shape;
};

int64_t clamp64(int64_t v, int64_t lo, int64_t hi) { return std::min(std::max(v, lo), hi); }

SliceGeometry resolve(const Graph& g, const Op& op) {
  const auto& a = op.attrs_as<StridedSliceAttrs>();
  const Tensor& in = g.tensor(op.inputs[0]);
  const std::vector<int64_t> begin = const_ints(g, op, op.inputs[1], "begin");
  const std::vector<int64_t> end = const_ints(g, op, op.inputs[2], "end");
  const std::vector<int64_t> strides = const_ints(g, op, op.inputs[3], "strides");
  const int n = static_cast<int>(begin.size());
  if (end.size() != begin.size() || strides.size() != begin.size() || n > 31)
    op_error(g, op, ErrorKind::kInvalidModel,
             fmt::format("begin, end and strides have {}, {} and {} entries", begin.size(), end.size(),
                         strides.size()));
  const unsigned used = n >= 31 ? ~0u : (1u << n) - 1;
  const auto ellipsis = static_cast<unsigned>(a.ellipsis_mask) & used;
  if (std::popcount(ellipsis) > 1)
    op_error(g, op, ErrorKind::kInvalidModel, "more than one ellipsis in ellipsis_mask");
  const int rank = static_cast<int>(in.shape.size());
  // New axes after the ellipsis do not consume input dimensions, so the ellipsis covers that many more.
  int new_after_ellipsis = 0;
  if (ellipsis)
    for (int i = std::countr_zero(ellipsis) + 1; i < n; ++i) new_after_ellipsis += (a.new_axis_mask >> i) & 1;
  std::vector<DenseDim> dense;
  // Output dimensions in spec order: >= 0 a dense dimension index, -1 a new axis.
  std::vector<int> order;
  auto full_dim = [&] {
    order.push_back(static_cast<int>(dense.size()));
    dense.push_back(DenseDim{});
  };
  for (int i = 0; i < n; ++i) {
    if ((ellipsis >> i) & 1) {
      const int until = std::min(rank - (n - i) + 1 + new_after_ellipsis, rank);
      while (static_cast<int>(dense.size()) < until) full_dim();
    } else if ((a.new_axis_mask >> i) & 1) {
      order.push_back(-1);
    } else {
      if (static_cast<int>(dense.size()) >= rank)
        op_error(g, op, ErrorKind::kInvalidModel,
                 fmt::format("the slice spec indexes more than the input's {} dimensions", rank), op.inputs[1]);
      order.push_back(static_cast<int>(dense.size()));
      dense.push_back(DenseDim{begin[static_cast<std::size_t>(i)], end[static_cast<std::size_t>(i)],
                               strides[static_cast<std::size_t>(i)], ((a.begin_mask >> i) & 1) != 0,
                               ((a.end_mask >> i) & 1) != 0, ((a.shrink_axis_mask >> i) & 1) != 0});
    }
  }
  while (static_cast<int>(dense.size()) < rank) full_dim();  // implicit ellipsis at the end

  SliceGeometry r;
  for (std::size_t d = 0; d < dense.size(); ++d) {
    const DenseDim& s = dense[d];
    const int64_t size = in.shape[d];
    if (s.stride == 0) op_error(g, op, ErrorKind::kInvalidModel, "stride 0", op.inputs[3]);
    const bool fwd = s.stride > 0;
    int64_t start = s.begin < 0 ? s.begin + size : s.begin;
    start = fwd ? clamp64(start, 0, size) : clamp64(start, -1, size - 1);
    if (s.begin_mask) start = fwd ? 0 : size - 1;
    int64_t stop = 0;
    if (s.shrink) {
      if (!fwd) op_error(g, op, ErrorKind::kUnsupported, "shrink_axis_mask with a negative stride", op.inputs[3]);
      // TFLite slices nothing when the clamped start is past the end; the output would be left unwritten.
      if (start >= size)
        op_error(g, op, ErrorKind::kInvalidModel,
                 fmt::format("shrunk dimension {} indexes {} of {}", d, s.begin, size), op.inputs[1]);
      stop = start + 1;
    } else {
      stop = a.offset ? s.end + start : s.end;
      if (stop < 0) stop += size;
      stop = fwd ? clamp64(stop, 0, size) : clamp64(stop, -1, size - 1);
      if (s.end_mask) stop = fwd ? size : -1;
    }
    const int64_t span = fwd ? stop - start : start - stop;
    const int64_t step = fwd ? s.stride : -s.stride;
    r.start.push_back(start);
    r.step.push_back(s.stride);
    r.count.push_back(span <= 0 ? 0 : (span + step - 1) / step);
  }
  for (int o : order) {
    if (o < 0) r.out_shape.push_back(1);
    else if (!dense[static_cast<std::size_t>(o)].shrink)
      r.out_shape.push_back(static_cast<int32_t>(r.count[static_cast<std::size_t>(o)]));
  }
  return r;
}

struct StridedSlicePrepared : Prepared {
  CopyWalk walk;
};

class StridedSlice final : public OpDef {
 public:
  std::string_view name() const override { return "STRIDED_SLICE"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::STRIDED_SLICE); }
  std::string_view summary() const override {
    return "any element type (quantization unchanged), input rank <= 6; constant int32/int64 begin/end/strides; "
           "begin/end/shrink_axis masks, negative indices and strides as TFLite; ellipsis_mask, new_axis_mask "
           "and offset as TensorFlow (TFLite Micro ignores these three); shrink_axis with a negative stride "
           "is not supported";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<StridedSliceAttrs>();
    if (const tfl::StridedSliceOptions* o = op.builtin_options_as_StridedSliceOptions()) {
      a->begin_mask = o->begin_mask();
      a->end_mask = o->end_mask();
      a->ellipsis_mask = o->ellipsis_mask();
      a->new_axis_mask = o->new_axis_mask();
      a->shrink_axis_mask = o->shrink_axis_mask();
      a->offset = o->offset();
    }
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 4, 4, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_int32_sized(g, op, in_id);
    expect_type(g, op, out_id, in.type);
    if (in.shape.size() > 6) op_error(g, op, ErrorKind::kUnsupported, "STRIDED_SLICE supports rank <= 6", in_id);
    expect_shape(g, op, out_id, resolve(g, op).out_shape);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const SliceGeometry s = resolve(g, op);
    const std::vector<int64_t> in_strides = row_major_strides(g.tensor(op.inputs[0]).shape);
    std::vector<int64_t> steps;
    int64_t offset = 0;
    for (std::size_t d = 0; d < s.count.size(); ++d) {
      steps.push_back(s.step[d] * in_strides[d]);
      if (s.count[d] > 0) offset += s.start[d] * in_strides[d];
    }
    auto p = std::make_shared<StridedSlicePrepared>();
    p->walk = *make_copy_walk(s.count, steps, offset);  // at most rank <= 6 dimensions
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    if (g.tensor(op.outputs[0]).num_elements() == 0) return;
    emit_strided_copy(e, g, op.inputs[0], op.outputs[0], op.prepared_as<StridedSlicePrepared>().walk);
  }
};

}  // namespace

const OpDef& op_StridedSlice() {
  static const StridedSlice def;
  return def;
}

}  // namespace tinyaot
