// tinyaot: TRANSPOSE. Any integer element type, rank <= 6, constant permutation. The permutation becomes
// input strides per output dimension at compile time (unit dimensions dropped, dimensions that stay
// adjacent merged); runtime_min/tinyaot_rt/transpose.h gathers.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct TransposePrepared : Prepared {
  std::array<int32_t, 6> out_dims{}, in_strides{};
};

std::vector<int> read_perm(const Graph& g, const Op& op) {
  const Tensor& t = g.tensor(op.inputs[1]);
  std::vector<int> perm;
  for (int64_t i = 0; i < t.num_elements(); ++i)
    perm.push_back(t.type == DType::kInt64 ? static_cast<int>(t.data_as<int64_t>()[i]) : t.data_as<int32_t>()[i]);
  return perm;
}

class Transpose final : public OpDef {
 public:
  std::string_view name() const override { return "TRANSPOSE"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::TRANSPOSE); }
  std::string_view summary() const override {
    return "int8, uint8, int16 or int32 (quantization unchanged), rank <= 6, constant permutation";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, 2, 1);
    const int in_id = op.inputs[0], perm_id = op.inputs[1], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    if (in.type != DType::kInt8 && in.type != DType::kUInt8 && in.type != DType::kInt16 && in.type != DType::kInt32)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; TRANSPOSE supports int8, uint8, int16 and int32", dtype_name(in.type)),
               in_id);
    expect_type(g, op, out_id, in.type);
    const Tensor& perm_t = g.tensor(perm_id);
    if (perm_t.type != DType::kInt32 && perm_t.type != DType::kInt64)
      op_error(g, op, ErrorKind::kUnsupported, "permutation must be int32 or int64", perm_id);
    expect_const(g, op, perm_id);
    if (in.shape.size() > 6) op_error(g, op, ErrorKind::kUnsupported, "TRANSPOSE supports rank <= 6", in_id);
    const std::vector<int> perm = read_perm(g, op);
    std::vector<int> sorted = perm;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i)
      if (sorted.size() != in.shape.size() || sorted[i] != static_cast<int>(i))
        op_error(g, op, ErrorKind::kInvalidModel,
                 fmt::format("[{}] is not a permutation of the input's {} dimensions", fmt::join(perm, ", "),
                             in.shape.size()),
                 perm_id);
    if (perm.size() != in.shape.size())
      op_error(g, op, ErrorKind::kInvalidModel, "permutation length differs from the input rank", perm_id);
    Shape want;
    for (int p : perm) want.push_back(in.shape[static_cast<std::size_t>(p)]);
    expect_shape(g, op, out_id, want);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Shape& in = g.tensor(op.inputs[0]).shape;
    const std::vector<int> perm = read_perm(g, op);
    std::vector<int64_t> in_strides(in.size());
    for (int64_t s = 1, i = static_cast<int64_t>(in.size()) - 1; i >= 0; --i) {
      in_strides[static_cast<std::size_t>(i)] = s;
      s *= in[static_cast<std::size_t>(i)];
    }
    // Output dimensions in order with their input strides; merge a dimension into the previous one when
    // the input steps through both as one run.
    std::vector<int64_t> dims, strides;
    for (int p : perm) {
      const int64_t d = in[static_cast<std::size_t>(p)], s = in_strides[static_cast<std::size_t>(p)];
      if (d == 1) continue;
      if (!strides.empty() && strides.back() == s * d) {
        dims.back() *= d;
        strides.back() = s;
      } else {
        dims.push_back(d);
        strides.push_back(s);
      }
    }
    auto r = std::make_shared<TransposePrepared>();
    const std::size_t lead = 6 - dims.size();
    for (std::size_t i = 0; i < 6; ++i) {
      r->out_dims[i] = i >= lead ? static_cast<int32_t>(dims[i - lead]) : 1;
      r->in_strides[i] = i >= lead ? static_cast<int32_t>(strides[i - lead]) : 0;
    }
    return r;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<TransposePrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/transpose.h");
    e.decl(fmt::format("constexpr tinyaot_rt::TransposeParams {}_params = {{/*out_dims=*/{{{}}}, /*in_strides=*/{{{}}}}};",
                       prefix, fmt::join(p.out_dims, ", "), fmt::join(p.in_strides, ", ")));
    e.code(fmt::format("tinyaot_rt::transpose({}_params, {}, {});", prefix, e.ptr(op.inputs[0]),
                       e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_Transpose() {
  static const Transpose def;
  return def;
}

}  // namespace tinyaot
