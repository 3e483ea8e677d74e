// tinyaot: SPACE_TO_DEPTH on 4-D NHWC tensors: each block_size x block_size patch becomes one pixel of
// block_size^2 * C channels, ordered (row in block, column in block, channel) as TFLite. Any element type,
// quantization passed through. A strided walk of the input (runtime_min/tinyaot_rt/strided_copy.h).
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct BlockAttrs : Attrs {
  int block_size = 0;
  std::string dump() const override { return fmt::format("block_size={}", block_size); }
};

struct SpaceToDepthPrepared : Prepared {
  CopyWalk walk;
};

class SpaceToDepth final : public OpDef {
 public:
  std::string_view name() const override { return "SPACE_TO_DEPTH"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::SPACE_TO_DEPTH); }
  std::string_view summary() const override {
    return "any element type (quantization unchanged), 4-D NHWC input, height and width divisible by "
           "block_size";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<BlockAttrs>();
    if (const tfl::SpaceToDepthOptions* o = op.builtin_options_as_SpaceToDepthOptions()) a->block_size = o->block_size();
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_int32_sized(g, op, in_id);
    expect_type(g, op, out_id, in.type);
    if (in.shape.size() != 4) op_error(g, op, ErrorKind::kUnsupported, "SPACE_TO_DEPTH supports 4-D input", in_id);
    const int bs = op.attrs_as<BlockAttrs>().block_size;
    if (bs < 1 || in.shape[1] % bs != 0 || in.shape[2] % bs != 0)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("block_size {} does not divide height {} and width {}", bs, in.shape[1], in.shape[2]),
               in_id);
    const int64_t out_c = int64_t{in.shape[3]} * bs * bs;  // 64 bits: bs comes from the model
    if (out_c > INT32_MAX)
      op_error(g, op, ErrorKind::kInvalidModel, fmt::format("block_size {} makes the output too deep", bs), in_id);
    expect_shape(g, op, out_id, {in.shape[0], in.shape[1] / bs, in.shape[2] / bs, static_cast<int32_t>(out_c)});
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Shape& s = g.tensor(op.inputs[0]).shape;
    const int64_t bs = op.attrs_as<BlockAttrs>().block_size;
    const int64_t h = s[1], w = s[2], c = s[3];
    // Output order (batch, out row, out column, row in block, column in block, channel).
    const std::vector<int64_t> dims = {s[0], h / bs, w / bs, bs, bs, c};
    const std::vector<int64_t> strides = {h * w * c, bs * w * c, bs * c, w * c, c, 1};
    auto p = std::make_shared<SpaceToDepthPrepared>();
    p->walk = *make_copy_walk(dims, strides, 0);
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    if (g.tensor(op.outputs[0]).num_elements() == 0) return;
    emit_strided_copy(e, g, op.inputs[0], op.outputs[0], op.prepared_as<SpaceToDepthPrepared>().walk);
  }
};

}  // namespace

const OpDef& op_SpaceToDepth() {
  static const SpaceToDepth def;
  return def;
}

}  // namespace tinyaot
