// tinyaot: DEQUANTIZE, int8 / uint8 / int16 (per-tensor) to float32 output: the one place generated code
// produces floats (typically a model's final output). runtime_min/tinyaot_rt/dequantize.h computes.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

/// A C++ float literal that reads back as exactly `v` (9 significant digits always round-trip).
std::string float_literal(float v) {
  std::string s = fmt::format("{:.9g}", v);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s + "f";
}

class Dequantize final : public OpDef {
 public:
  std::string_view name() const override { return "DEQUANTIZE"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::DEQUANTIZE); }
  std::string_view summary() const override {
    return "int8, uint8 or int16 input, per-tensor quantization; float32 output";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const DType t = g.tensor(in_id).type;
    if (t != DType::kInt8 && t != DType::kUInt8 && t != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; DEQUANTIZE supports int8, uint8 and int16 (float16 weights are not "
                           "supported)",
                           dtype_name(t)),
               in_id);
    expect_type(g, op, out_id, DType::kFloat32);
    expect_per_tensor_quant(g, op, in_id);
    expect_shape(g, op, out_id, g.tensor(in_id).shape);
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/dequantize.h");
    e.decl(fmt::format("constexpr tinyaot_rt::DequantizeParams {}_params = {{/*size=*/{}, /*zero_point=*/{}, "
                       "/*scale=*/{}}};",
                       prefix, in.num_elements(), in.quant.zp(), float_literal(in.quant.s())));
    e.code(fmt::format("tinyaot_rt::dequantize({}_params, {}, {});", prefix, e.ptr(op.inputs[0]),
                       e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_Dequantize() {
  static const Dequantize def;
  return def;
}

}  // namespace tinyaot
