// tinyaot: PAD and PADV2. Constant padding of int8/int16/int32 tensors up to rank 6 with constant
// paddings ([rank, 2], int32 or int64). The pad value is the output zero point (PAD, or PADV2 without a
// constant), or PADV2's constant, which TFLite Micro requires to share the output's quantization.
// runtime_min/tinyaot_rt/pad.h copies.
#include <fmt/format.h>

#include <array>
#include <cmath>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct PadPrepared : Prepared {
  std::array<int32_t, 6> in_dims{}, out_dims{}, before{};
  int64_t pad_value = 0;
};

/// (before, after) for each dimension, from the constant paddings tensor.
std::vector<std::pair<int64_t, int64_t>> read_paddings(const Graph& g, const Op& op) {
  const Tensor& t = g.tensor(op.inputs[1]);
  const std::size_t rank = g.tensor(op.inputs[0]).shape.size();
  std::vector<std::pair<int64_t, int64_t>> r;
  for (std::size_t i = 0; i < rank; ++i) {
    const auto at = [&](std::size_t k) {
      return t.type == DType::kInt64 ? t.data_as<int64_t>()[k] : static_cast<int64_t>(t.data_as<int32_t>()[k]);
    };
    r.emplace_back(at(2 * i), at(2 * i + 1));
  }
  return r;
}

int constant_input(const Op& op) { return op.inputs.size() >= 3 ? op.inputs[2] : -1; }

class PadOp final : public OpDef {
 public:
  PadOp(std::string_view name, int code, bool v2) : name_(name), code_(code), v2_(v2) {}
  std::string_view name() const override { return name_; }
  int builtin_code() const override { return code_; }
  std::string_view summary() const override {
    return v2_ ? "int8, int16 or int32 up to rank 6; constant paddings (int32/int64, >= 0); constant pad value "
                 "with the output's quantization (or none: the output zero point)"
               : "int8, int16 or int32 up to rank 6; constant paddings (int32/int64, >= 0); pads with the output "
                 "zero point";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 2, v2_ ? 3 : 2, 1);
    const int in_id = op.inputs[0], pad_id = op.inputs[1], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    if (in.type != DType::kInt8 && in.type != DType::kInt16 && in.type != DType::kInt32)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; {} supports int8, int16 and int32", dtype_name(in.type), op.type()),
               in_id);
    expect_type(g, op, out_id, in.type);
    const Tensor& pads = g.tensor(pad_id);
    if (pads.type != DType::kInt32 && pads.type != DType::kInt64)
      op_error(g, op, ErrorKind::kUnsupported, "paddings must be int32 or int64", pad_id);
    expect_const(g, op, pad_id);
    const std::size_t rank = in.shape.size();
    if (rank > 6) op_error(g, op, ErrorKind::kUnsupported, fmt::format("{} supports rank <= 6", op.type()), in_id);
    if (pads.shape != Shape{static_cast<int32_t>(rank), 2})
      op_error(g, op, ErrorKind::kInvalidModel,
               fmt::format("paddings must have shape [{}, 2], has [{}]", rank, fmt::join(pads.shape, ", ")), pad_id);
    Shape want;
    for (std::size_t i = 0; const auto& [b, a] : read_paddings(g, op)) {
      if (b < 0 || a < 0 || b > INT32_MAX / 4 || a > INT32_MAX / 4)
        op_error(g, op, ErrorKind::kUnsupported,
                 fmt::format("padding ({}, {}) of dimension {} is negative or too large", b, a, i), pad_id);
      want.push_back(static_cast<int32_t>(in.shape[i] + b + a));
      ++i;
    }
    expect_shape(g, op, out_id, want);
    const int c_id = constant_input(op);
    if (c_id >= 0) {
      const Tensor& c = g.tensor(c_id);
      expect_type(g, op, c_id, in.type);
      expect_const(g, op, c_id);
      if (c.num_elements() != 1) op_error(g, op, ErrorKind::kInvalidModel, "pad value must be a scalar", c_id);
      const Tensor& out = g.tensor(out_id);
      if (in.type != DType::kInt32 && (c.quant.zp() != out.quant.zp() || c.quant.s() != out.quant.s()))
        op_error(g, op, ErrorKind::kUnsupported, "pad value must have the output's scale and zero point", c_id);
    }
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const Tensor& out = g.tensor(op.outputs[0]);
    auto p = std::make_shared<PadPrepared>();
    const auto pads = read_paddings(g, op);
    const std::size_t lead = 6 - in.shape.size();
    for (std::size_t i = 0; i < 6; ++i) {
      const bool used = i >= lead;
      p->in_dims[i] = used ? in.shape[i - lead] : 1;
      p->out_dims[i] = used ? out.shape[i - lead] : 1;
      p->before[i] = used ? static_cast<int32_t>(pads[i - lead].first) : 0;
    }
    const int c_id = constant_input(op);
    if (c_id >= 0) {
      const Tensor& c = g.tensor(c_id);
      switch (c.type) {
        case DType::kInt8: p->pad_value = c.data_as<int8_t>()[0]; break;
        case DType::kInt16: p->pad_value = c.data_as<int16_t>()[0]; break;
        default: p->pad_value = c.data_as<int32_t>()[0]; break;
      }
    } else {
      p->pad_value = out.quant.zp();  // 0 for an unquantized int32 tensor
    }
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const auto& p = op.prepared_as<PadPrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/pad.h");
    e.decl(fmt::format(
        "constexpr tinyaot_rt::PadParams {}_params = {{/*in_dims=*/{{{}}}, /*out_dims=*/{{{}}}, /*before=*/{{{}}}}};",
        prefix, fmt::join(p.in_dims, ", "), fmt::join(p.out_dims, ", "), fmt::join(p.before, ", ")));
    const char* ctype = dtype_ctype(g.tensor(op.inputs[0]).type);
    // INT32_MIN has no literal form; spell it as an expression.
    const std::string value = p.pad_value == INT32_MIN ? "INT32_MIN" : std::to_string(p.pad_value);
    e.code(fmt::format("tinyaot_rt::pad<{}>({}_params, {}, {}, static_cast<{}>({}));", ctype, prefix,
                       e.ptr(op.inputs[0]), e.ptr(op.outputs[0]), ctype, value));
  }

 private:
  std::string_view name_;
  int code_;
  bool v2_;
};

}  // namespace

const OpDef& op_Pad() {
  static const PadOp def("PAD", static_cast<int>(tfl::BuiltinOperator::PAD), false);
  return def;
}

const OpDef& op_PadV2() {
  static const PadOp def("PADV2", static_cast<int>(tfl::BuiltinOperator::PADV2), true);
  return def;
}

}  // namespace tinyaot
