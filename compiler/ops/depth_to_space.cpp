// tinyaot: DEPTH_TO_SPACE on 4-D NHWC tensors: each pixel of block_size^2 * C channels becomes a
// block_size x block_size patch of C channels (TFLite's DCR order: row in block, column in block,
// channel). Any element type, quantization passed through. A strided walk of the input
// (runtime_min/tinyaot_rt/strided_copy.h).
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

struct DepthToSpacePrepared : Prepared {
  CopyWalk walk;
};

class DepthToSpace final : public OpDef {
 public:
  std::string_view name() const override { return "DEPTH_TO_SPACE"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::DEPTH_TO_SPACE); }
  std::string_view summary() const override {
    return "any element type (quantization unchanged), 4-D NHWC input, depth divisible by block_size^2";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<BlockAttrs>();
    if (const tfl::DepthToSpaceOptions* o = op.builtin_options_as_DepthToSpaceOptions()) a->block_size = o->block_size();
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    expect_movable_type(g, op, in_id);
    expect_int32_sized(g, op, in_id);
    expect_type(g, op, out_id, in.type);
    if (in.shape.size() != 4) op_error(g, op, ErrorKind::kUnsupported, "DEPTH_TO_SPACE supports 4-D input", in_id);
    const int bs = op.attrs_as<BlockAttrs>().block_size;
    // block_size comes from the model: a huge one must not overflow (it cannot divide a depth <= 2^30).
    if (bs < 1 || bs > 32768 || in.shape[3] % (bs * bs) != 0)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("block_size {} squared does not divide the depth {}", bs, in.shape[3]), in_id);
    const int64_t out_h = int64_t{in.shape[1]} * bs, out_w = int64_t{in.shape[2]} * bs;
    if (out_h > INT32_MAX || out_w > INT32_MAX)
      op_error(g, op, ErrorKind::kInvalidModel, fmt::format("block_size {} makes the output too large", bs), in_id);
    expect_shape(g, op, out_id,
                 {in.shape[0], static_cast<int32_t>(out_h), static_cast<int32_t>(out_w), in.shape[3] / (bs * bs)});
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Shape& s = g.tensor(op.inputs[0]).shape;
    const int64_t bs = op.attrs_as<BlockAttrs>().block_size;
    const int64_t h = s[1], w = s[2], cin = s[3], cout = cin / (bs * bs);
    // Output order (batch, input row, row in block, input column, column in block, channel).
    const std::vector<int64_t> dims = {s[0], h, bs, w, bs, cout};
    const std::vector<int64_t> strides = {h * w * cin, w * cin, bs * cout, cin, cout, 1};
    auto p = std::make_shared<DepthToSpacePrepared>();
    p->walk = *make_copy_walk(dims, strides, 0);
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    if (g.tensor(op.outputs[0]).num_elements() == 0) return;
    emit_strided_copy(e, g, op.inputs[0], op.outputs[0], op.prepared_as<DepthToSpacePrepared>().walk);
  }
};

}  // namespace

const OpDef& op_DepthToSpace() {
  static const DepthToSpace def;
  return def;
}

}  // namespace tinyaot
