// tinyaot: SUM over constant axes (int32/int64, any combination), keep_dims true or false; int8 or int16
// with per-tensor quantization (input and output may differ). As TFLite Micro's QuantizedMeanOrSum with
// compute_sum: int32 sum of raw values, minus input_zero_point * count, times QuantizeMultiplier(
// double(input_scale) / double(output_scale)), plus the output zero point, clamped. The multiplier and the
// reduction walks are precomputed; runtime_min/tinyaot_rt/reduce.h computes.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/op_def.h"
#include "compiler/ops/shape_util.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct SumAttrs : Attrs {
  bool keep_dims = false;
  std::string dump() const override { return fmt::format("keep_dims={}", keep_dims); }
};

struct SumPrepared : Prepared {
  ReduceWalks walks;
  int32_t zero_point_sum = 0, multiplier = 0, shift = 0, out_zp = 0, out_min = 0, out_max = 0;
};

class Sum final : public OpDef {
 public:
  std::string_view name() const override { return "SUM"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::SUM); }
  std::string_view summary() const override {
    return "int8 or int16, per-tensor quantization (input and output may differ); constant int32/int64 axes, "
           "any combination, keep_dims true or false";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<SumAttrs>();
    if (const tfl::ReducerOptions* o = op.builtin_options_as_ReducerOptions()) a->keep_dims = o->keep_dims();
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    const Tensor& out = g.tensor(out_id);
    if (in.type != DType::kInt8 && in.type != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; SUM supports int8 and int16", dtype_name(in.type)), in_id);
    expect_type(g, op, out_id, in.type);
    expect_int32_sized(g, op, in_id);
    for (int id : {in_id, out_id}) {
      expect_per_tensor_quant(g, op, id);
      if (!(g.tensor(id).quant.s() > 0.0f)) op_error(g, op, ErrorKind::kInvalidModel, "scale must be positive", id);
    }
    if (in.num_elements() == 0) op_error(g, op, ErrorKind::kUnsupported, "empty input", in_id);
    const std::vector<int> axes = resolve_axes(g, op, op.inputs[1], static_cast<int>(in.shape.size()));
    const Shape want = reduced_shape(in.shape, axes, op.attrs_as<SumAttrs>().keep_dims);
    // The output is dense in kept-dimension order, so any shape with this many elements reads the same.
    if (out.num_elements() != shape_product(want, 0, want.size()))
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("has shape [{}], expected [{}] from the input and the axes", fmt::join(out.shape, ", "),
                           fmt::join(want, ", ")),
               out_id);
    if (!make_reduce_walks(in.shape, axes))
      op_error(g, op, ErrorKind::kUnsupported, "reduction geometry needs more than 4 kept or reduced dimensions",
               in_id);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const Tensor& out = g.tensor(op.outputs[0]);
    const std::vector<int> axes = resolve_axes(g, op, op.inputs[1], static_cast<int>(in.shape.size()));
    auto p = std::make_shared<SumPrepared>();
    p->walks = *make_reduce_walks(in.shape, axes);
    int64_t count = 1;
    for (int a : axes) count *= in.shape[static_cast<std::size_t>(a)];
    // TFLite computes input_zero_point * count in int64 and subtracts it from the int32 sum before casting
    // back to int32: only the low 32 bits matter.
    p->zero_point_sum = static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(in.quant.zp() * count)));
    const QuantizedMultiplier q =
        quantize_multiplier(static_cast<double>(in.quant.s()) / static_cast<double>(out.quant.s()));
    p->multiplier = q.multiplier;
    p->shift = q.shift;
    p->out_zp = out.quant.zp();
    const bool i16 = out.type == DType::kInt16;
    p->out_min = i16 ? -32768 : -128;
    p->out_max = i16 ? 32767 : 127;
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<SumPrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/reduce.h");
    e.decl(fmt::format("constexpr tinyaot_rt::ReduceWalk {}_walk = {};", prefix, reduce_walk_init(p.walks)));
    e.decl(fmt::format("constexpr tinyaot_rt::SumParams {}_params = {{/*zero_point_sum=*/{}, /*multiplier=*/{}, "
                       "/*shift=*/{}, /*output_zero_point=*/{}, /*out_min=*/{}, /*out_max=*/{}}};",
                       prefix, p.zero_point_sum, p.multiplier, p.shift, p.out_zp, p.out_min, p.out_max));
    e.code(fmt::format("tinyaot_rt::sum({0}_walk, {0}_params, {1}, {2});", prefix, e.ptr(op.inputs[0]),
                       e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_Sum() {
  static const Sum def;
  return def;
}

}  // namespace tinyaot
