// tinyaot: BATCH_TO_SPACE_ND on 3-D [N, H, C] or 4-D [N, H, W, C] tensors with constant block shape and
// crops (int32/int64, >= 0), as TFLite Micro's reference kernel. Any element type, quantization passed
// through. runtime_min/tinyaot_rt/space_batch.h.
#include <fmt/format.h>

#include <array>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

/// Block and crops, 3-D inputs seen as width 1.
struct Geometry {
  int64_t block_h = 1, block_w = 1, crop_top = 0, crop_bottom = 0, crop_left = 0, crop_right = 0;
};

Geometry read_geometry(const Graph& g, const Op& op) {
  const Tensor& in = g.tensor(op.inputs[0]);
  const std::size_t m = in.shape.size() - 2;
  const std::vector<int64_t> block = const_ints(g, op, op.inputs[1], "block_shape");
  const std::vector<int64_t> crops = const_ints(g, op, op.inputs[2], "crops");
  if (block.size() != m || crops.size() != 2 * m)
    op_error(g, op, ErrorKind::kInvalidModel,
             fmt::format("a rank-{} input needs {} block sizes and {}x2 crops, has {} and {}", in.shape.size(), m, m,
                         block.size(), crops.size()),
             op.inputs[1]);
  Geometry r;
  r.block_h = block[0];
  r.crop_top = crops[0];
  r.crop_bottom = crops[1];
  if (m == 2) {
    r.block_w = block[1];
    r.crop_left = crops[2];
    r.crop_right = crops[3];
  }
  if (r.block_h < 1 || r.block_w < 1)
    op_error(g, op, ErrorKind::kInvalidModel, "block sizes must be positive", op.inputs[1]);
  if (r.crop_top < 0 || r.crop_bottom < 0 || r.crop_left < 0 || r.crop_right < 0)
    op_error(g, op, ErrorKind::kInvalidModel, "crops must not be negative", op.inputs[2]);
  return r;
}

struct SpaceBatchPrepared : Prepared {
  std::array<int64_t, 11> v{};  // SpaceBatchParams fields in order
};

class BatchToSpaceNd final : public OpDef {
 public:
  std::string_view name() const override { return "BATCH_TO_SPACE_ND"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::BATCH_TO_SPACE_ND); }
  std::string_view summary() const override {
    return "any element type (quantization unchanged), 3-D or 4-D input; constant int32/int64 block_shape and "
           "crops";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 3, 3, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_int32_sized(g, op, in_id);
    expect_type(g, op, out_id, in.type);
    if (in.shape.size() != 3 && in.shape.size() != 4)
      op_error(g, op, ErrorKind::kUnsupported, "BATCH_TO_SPACE_ND supports 3-D and 4-D inputs", in_id);
    const Geometry s = read_geometry(g, op);
    if (in.shape[0] % (s.block_h * s.block_w) != 0)
      op_error(g, op, ErrorKind::kInvalidModel, "batch is not a multiple of the block size product", in_id);
    const int64_t h = in.shape[1] * s.block_h - s.crop_top - s.crop_bottom;
    const int64_t w = (in.shape.size() == 4 ? in.shape[2] : 1) * s.block_w - s.crop_left - s.crop_right;
    if (h < 0 || w < 0) op_error(g, op, ErrorKind::kInvalidModel, "crops exceed the spatial size", op.inputs[2]);
    Shape want = in.shape;
    want[0] = static_cast<int32_t>(in.shape[0] / (s.block_h * s.block_w));
    want[1] = static_cast<int32_t>(h);
    if (in.shape.size() == 4) want[2] = static_cast<int32_t>(w);
    expect_shape(g, op, out_id, want);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const Tensor& out = g.tensor(op.outputs[0]);
    const Geometry s = read_geometry(g, op);
    const bool four = in.shape.size() == 4;
    auto p = std::make_shared<SpaceBatchPrepared>();
    p->v = {in.shape[0], in.shape[1], four ? in.shape[2] : 1, out.shape[0], out.shape[1], four ? out.shape[2] : 1,
            s.block_h, s.block_w, s.crop_top, s.crop_left,
            in.shape.back() * static_cast<int64_t>(dtype_size(in.type))};
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    if (g.tensor(op.outputs[0]).num_elements() == 0) return;
    const auto& v = op.prepared_as<SpaceBatchPrepared>().v;
    const std::string params = e.op_prefix() + "_params";
    e.use_runtime("tinyaot_rt/space_batch.h");
    e.decl(fmt::format("constexpr tinyaot_rt::SpaceBatchParams {} = {{/*in=*/{}, {}, {}, /*out=*/{}, {}, {}, "
                       "/*block=*/{}, {}, /*crop_before=*/{}, {}, /*depth_bytes=*/{}}};",
                       params, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]));
    e.code(fmt::format("tinyaot_rt::batch_to_space({}, {}, {});", params, e.ptr(op.inputs[0]), e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_BatchToSpaceNd() {
  static const BatchToSpaceNd def;
  return def;
}

}  // namespace tinyaot
