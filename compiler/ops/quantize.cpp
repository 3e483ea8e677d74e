// tinyaot: QUANTIZE. Requantization between integer types (int8 -> int8/int16/uint8, int16 -> int8/int16/int32,
// uint8 -> int8): as TFLite Micro's PrepareQuantizeReference, input_scale / output_scale in double becomes
// a Q31 multiplier and shift. float32 -> int8/int16 (a quantized model's float input): the output scale is
// emitted as an exact float literal. runtime_min/tinyaot_rt/quantize.h computes.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct QuantizePrepared : Prepared {
  bool from_float = false;
  float out_scale = 0.0f;
  int64_t size = 0;
  int32_t in_zp = 0, out_zp = 0;
  QuantizedMultiplier m;
};

bool supported_pair(DType in, DType out) {
  using D = DType;
  return (in == D::kFloat32 && (out == D::kInt8 || out == D::kInt16)) ||
         (in == D::kInt8 && (out == D::kInt8 || out == D::kInt16 || out == D::kUInt8)) ||
         (in == D::kInt16 && (out == D::kInt8 || out == D::kInt16 || out == D::kInt32)) || (in == D::kUInt8 && out == D::kInt8);
}

class Quantize final : public OpDef {
 public:
  std::string_view name() const override { return "QUANTIZE"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::QUANTIZE); }
  std::string_view summary() const override {
    return "float32 -> int8/int16; requantization int8 -> int8/int16/uint8, int16 -> int8/int16/int32, uint8 -> int8; "
           "per-tensor quantization";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const Tensor& in = g.tensor(in_id);
    const Tensor& out = g.tensor(out_id);
    if (!supported_pair(in.type, out.type))
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("{} -> {} is not supported; QUANTIZE supports float32 -> int8/int16, int8 -> "
                           "int8/int16/uint8, int16 -> int8/int16/int32 and uint8 -> int8",
                           dtype_name(in.type), dtype_name(out.type)),
               out_id);
    for (int id : {in_id, out_id}) {
      if (id == in_id && in.type == DType::kFloat32) continue;  // float input carries no quantization
      expect_per_tensor_quant(g, op, id);
      if (!(g.tensor(id).quant.s() > 0.0f)) op_error(g, op, ErrorKind::kInvalidModel, "scale must be positive", id);
    }
    expect_shape(g, op, out_id, in.shape);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const Tensor& out = g.tensor(op.outputs[0]);
    auto p = std::make_shared<QuantizePrepared>();
    p->size = in.num_elements();
    p->from_float = in.type == DType::kFloat32;
    p->out_scale = out.quant.s();
    p->in_zp = in.quant.zp();
    p->out_zp = out.quant.zp();
    if (!p->from_float)
      p->m = quantize_multiplier(static_cast<double>(in.quant.s()) / static_cast<double>(out.quant.s()));
    return p;
  }

  void emit(EmitContext& e, const Graph&, const Op& op) const override {
    const auto& p = op.prepared_as<QuantizePrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/quantize.h");
    if (p.from_float) {
      // Hex float literal: the exact scale TFLite divides by.
      e.decl(fmt::format(
          "constexpr tinyaot_rt::AffineQuantizeParams {}_params = {{/*size=*/{}, /*scale=*/{:a}f, "
          "/*zero_point=*/{}}};",
          prefix, p.size, p.out_scale, p.out_zp));
      e.code(fmt::format("tinyaot_rt::quantize_float({}_params, {}, {});", prefix, e.ptr(op.inputs[0]),
                         e.ptr(op.outputs[0])));
      return;
    }
    e.decl(fmt::format(
        "constexpr tinyaot_rt::RequantizeParams {}_params = {{/*size=*/{}, /*input_zero_point=*/{}, "
        "/*output_zero_point=*/{}, /*multiplier=*/{}, /*shift=*/{}}};",
        prefix, p.size, p.in_zp, p.out_zp, p.m.multiplier, p.m.shift));
    e.code(fmt::format("tinyaot_rt::requantize({}_params, {}, {});", prefix, e.ptr(op.inputs[0]),
                       e.ptr(op.outputs[0])));
  }
};

}  // namespace

const OpDef& op_Quantize() {
  static const Quantize def;
  return def;
}

}  // namespace tinyaot
