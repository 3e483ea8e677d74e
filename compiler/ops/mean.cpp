// tinyaot: MEAN. int8/int16 mean over constant axes, keep_dims or not, as TFLite Micro's integer
// QuantizedMeanOrSum: the multiplier of input_scale / output_scale gets 1/count folded in at compile time,
// and the reduction geometry (kept and reduced dimensions with their strides, merged) is precomputed.
// runtime_min/tinyaot_rt/mean.h computes.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <vector>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/op_def.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct MeanAttrs : Attrs {
  bool keep_dims = false;
  std::string dump() const override { return fmt::format("keep_dims={}", keep_dims); }
};

/// A walk of up to 4 dimensions (outermost first, leading entries 1 / 0).
struct Walk {
  std::array<int32_t, 4> dims{1, 1, 1, 1};
  std::array<int32_t, 4> strides{0, 0, 0, 0};
};

struct MeanPrepared : Prepared {
  Walk kept, reduced;
  int64_t count = 1;
  int32_t zero_point_sum = 0, multiplier = 0, shift = 0, out_zp = 0, out_min = 0, out_max = 0;
};

/// Sorted, de-duplicated axes of the constant axis tensor (negative values count from the end), or an
/// error naming the bad value.
std::vector<int> resolve_axes(const Graph& g, const Op& op) {
  const Tensor& axis = g.tensor(op.inputs[1]);
  const int rank = static_cast<int>(g.tensor(op.inputs[0]).shape.size());
  std::vector<int> r;
  for (int64_t i = 0; i < axis.num_elements(); ++i) {
    const int v = axis.data_as<int32_t>()[i];
    const int a = v < 0 ? v + rank : v;
    if (a < 0 || a >= rank)
      op_error(g, op, ErrorKind::kInvalidModel, fmt::format("axis {} is out of range for rank {}", v, rank), axis.id);
    if (std::find(r.begin(), r.end(), a) == r.end()) r.push_back(a);
  }
  std::sort(r.begin(), r.end());
  return r;
}

/// Splits the input's non-unit dimensions into kept and reduced runs, merging neighbours of one kind.
/// Returns false when a walk would need more than 4 dimensions.
bool split_walks(const Shape& s, const std::vector<int>& axes, Walk& kept, Walk& reduced) {
  std::vector<std::pair<int64_t, int64_t>> k, r;  // (size, stride)
  int last_kind = -1;                              // 0 kept, 1 reduced
  int64_t stride = 1;
  std::vector<int64_t> strides(s.size());
  for (std::size_t i = s.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= s[i];
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 1) continue;
    const int kind = std::count(axes.begin(), axes.end(), static_cast<int>(i)) ? 1 : 0;
    auto& list = kind ? r : k;
    if (kind == last_kind) {
      // Dense tensor and only unit dimensions in between: the previous run continues into this one.
      list.back().first *= s[i];
      list.back().second = strides[i];
    } else {
      list.emplace_back(s[i], strides[i]);
    }
    last_kind = kind;
  }
  if (k.size() > 4 || r.size() > 4) return false;
  for (auto [list, walk] : {std::pair{&k, &kept}, std::pair{&r, &reduced}}) {
    const std::size_t lead = 4 - list->size();
    for (std::size_t i = 0; i < list->size(); ++i) {
      walk->dims[lead + i] = static_cast<int32_t>((*list)[i].first);
      walk->strides[lead + i] = static_cast<int32_t>((*list)[i].second);
    }
  }
  return true;
}

class Mean final : public OpDef {
 public:
  std::string_view name() const override { return "MEAN"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::MEAN); }
  std::string_view summary() const override {
    return "int8 or int16, per-tensor quantization (input and output may differ); constant int32 axes, any "
           "combination, keep_dims true or false; rank <= 6";
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op&) const override {
    auto a = std::make_shared<MeanAttrs>();
    if (const tfl::ReducerOptions* o = op.builtin_options_as_ReducerOptions()) a->keep_dims = o->keep_dims();
    return a;
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int in_id = op.inputs[0], axis_id = op.inputs[1], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    if (in.type != DType::kInt8 && in.type != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; MEAN supports int8 and int16", dtype_name(in.type)), in_id);
    expect_type(g, op, out_id, in.type);
    for (int id : {in_id, out_id}) expect_per_tensor_quant(g, op, id);
    if (!(g.tensor(out_id).quant.s() > 0.0f))
      op_error(g, op, ErrorKind::kInvalidModel, "output scale must be positive", out_id);
    expect_type(g, op, axis_id, DType::kInt32);
    expect_const(g, op, axis_id);
    if (in.shape.size() > 6) op_error(g, op, ErrorKind::kUnsupported, "MEAN supports rank <= 6", in_id);
    if (in.num_elements() == 0) op_error(g, op, ErrorKind::kUnsupported, "empty input", in_id);
    const std::vector<int> axes = resolve_axes(g, op);
    Shape want;
    int64_t count = 1;
    for (std::size_t i = 0; i < in.shape.size(); ++i) {
      const bool reduced = std::count(axes.begin(), axes.end(), static_cast<int>(i)) > 0;
      if (reduced) count *= in.shape[i];
      if (!reduced) want.push_back(in.shape[i]);
      else if (op.attrs_as<MeanAttrs>().keep_dims) want.push_back(1);
    }
    // The output is dense in kept-dimension order, so any shape with this many elements reads the same.
    const Tensor& out = g.tensor(out_id);
    int64_t want_elements = 1;
    for (int32_t d : want) want_elements *= d;
    if (out.num_elements() != want_elements)
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("has shape [{}], expected [{}] from the input and the axes", fmt::join(out.shape, ", "),
                           fmt::join(want, ", ")),
               out_id);
    // The int32 sum (and input_zero_point * count) must not overflow, as in TFLite.
    const int64_t max_abs = in.type == DType::kInt16 ? 32768 : 128;
    if (count * max_abs > INT32_MAX)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("reduces {} elements per output; the int32 sum allows at most {}", count,
                           INT32_MAX / max_abs),
               in_id);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const Tensor& out = g.tensor(op.outputs[0]);
    const std::vector<int> axes = resolve_axes(g, op);
    auto p = std::make_shared<MeanPrepared>();
    if (!split_walks(in.shape, axes, p->kept, p->reduced))
      op_error(g, op, ErrorKind::kUnsupported, "reduction geometry needs more than 4 dimensions");
    for (int a : axes) p->count *= in.shape[static_cast<std::size_t>(a)];
    // TFLite: QuantizeMultiplier(in/out), then 1/count folded in with as many extra bits as allowed.
    const QuantizedMultiplier q =
        quantize_multiplier(static_cast<double>(in.quant.s()) / static_cast<double>(out.quant.s()));
    int extra = 63 - std::countl_zero(static_cast<uint64_t>(p->count));
    extra = std::min(extra, 32);
    extra = std::min(extra, 31 + q.shift);
    p->multiplier = static_cast<int32_t>((static_cast<int64_t>(q.multiplier) << extra) / p->count);
    p->shift = q.shift - extra;
    p->zero_point_sum = static_cast<int32_t>(static_cast<int64_t>(in.quant.zp()) * p->count);
    p->out_zp = out.quant.zp();
    const bool i16 = out.type == DType::kInt16;
    p->out_min = i16 ? -32768 : -128;
    p->out_max = i16 ? 32767 : 127;
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<MeanPrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/mean.h");
    e.decl(fmt::format(
        R"(constexpr tinyaot_rt::MeanParams {}_params = {{
    /*kept_dims=*/{{{}}}, /*kept_strides=*/{{{}}},
    /*red_dims=*/{{{}}}, /*red_strides=*/{{{}}},
    /*zero_point_sum=*/{}, /*multiplier=*/{}, /*shift=*/{}, /*output_zero_point=*/{},
    /*out_min=*/{}, /*out_max=*/{}}};)",
        prefix, fmt::join(p.kept.dims, ", "), fmt::join(p.kept.strides, ", "), fmt::join(p.reduced.dims, ", "),
        fmt::join(p.reduced.strides, ", "), p.zero_point_sum, p.multiplier, p.shift, p.out_zp, p.out_min,
        p.out_max));
    e.code(fmt::format("tinyaot_rt::mean({}_params, {}, {});", prefix, e.ptr(op.inputs[0]), e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_Mean() {
  static const Mean def;
  return def;
}

}  // namespace tinyaot
