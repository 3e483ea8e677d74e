// tinyaot: RELU, RELU6 and RELU_N1_TO_1 as standalone ops, int8 or int16 (zero points 0).
// RELU (TFLite Micro's CalculateReluOpData): rescale by in_scale / out_scale (double), clamp at the output's
// quantized 0. RELU_N1_TO_1 has no TFLite Micro kernel; it follows TFLite's QuantizedReluX with the range
// [-1, 1] (TFLite's ReluPrepare takes the scale ratio in float). RELU6 (TFLite Micro's Relu6Prepare):
// clamp the stored values to the input's quantized [0, 6], no rescaling, so the output must share the
// input's quantization. runtime_min/tinyaot_rt/activations.h computes.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

enum class Kind { kRelu, kRelu6, kReluN1To1 };

struct ReluPrepared : Prepared {
  int64_t size = 0;
  QuantizedMultiplier m;  ///< RELU / RELU_N1_TO_1
  int32_t lo = 0, hi = 0;  ///< activation range (RELU*), or RELU6's lower / upper
};

/// TFLite's activation bound zp + round(value / scale) (float division, roundf), clamped to the type.
int32_t quantized_bound(float value, const Quant& q, int32_t qmin, int32_t qmax) {
  const double r = static_cast<double>(std::round(value / q.s())) + q.zp();  // exact: |r| < 2^53
  return static_cast<int32_t>(std::min(std::max(r, static_cast<double>(qmin)), static_cast<double>(qmax)));
}

class Relu final : public OpDef {
 public:
  explicit Relu(Kind kind) : kind_(kind) {}

  std::string_view name() const override {
    return kind_ == Kind::kRelu ? "RELU" : kind_ == Kind::kRelu6 ? "RELU6" : "RELU_N1_TO_1";
  }
  int builtin_code() const override {
    using B = tfl::BuiltinOperator;
    return static_cast<int>(kind_ == Kind::kRelu ? B::RELU : kind_ == Kind::kRelu6 ? B::RELU6 : B::RELU_N1_TO_1);
  }
  std::string_view summary() const override {
    if (kind_ == Kind::kRelu6)
      return "int8, or int16 with zero point 0; output with the input's scale and zero point (stored values are "
             "clamped to the quantized [0, 6])";
    if (kind_ == Kind::kReluN1To1)
      return "int8, or int16 with zero points 0; per-tensor quantization, any input and output scales (TFLite's "
             "kernel: TFLite Micro has none)";
    return "int8, or int16 with zero points 0; per-tensor quantization, any input and output scales";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    const DType t = g.tensor(in_id).type;
    if (t != DType::kInt8 && t != DType::kInt16)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; {} supports int8 and int16", dtype_name(t), name()), in_id);
    expect_type(g, op, out_id, t);
    for (int id : {in_id, out_id}) {
      expect_per_tensor_quant(g, op, id);
      if (!(g.tensor(id).quant.s() > 0.0f)) op_error(g, op, ErrorKind::kInvalidModel, "scale must be positive", id);
      if (t == DType::kInt16 && g.tensor(id).quant.zp() != 0)
        op_error(g, op, ErrorKind::kUnsupported, fmt::format("int16 {} needs zero point 0", name()), id);
    }
    expect_shape(g, op, out_id, g.tensor(in_id).shape);
    const Quant& qi = g.tensor(in_id).quant;
    const Quant& qo = g.tensor(out_id).quant;
    if (kind_ == Kind::kRelu6 && (qi.s() != qo.s() || qi.zp() != qo.zp()))
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("output quantization (scale {}, zero point {}) differs from the input's ({}, {}); "
                           "TFLite Micro's RELU6 clamps without rescaling",
                           qo.s(), qo.zp(), qi.s(), qi.zp()),
               out_id);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    const Tensor& in = g.tensor(op.inputs[0]);
    const Tensor& out = g.tensor(op.outputs[0]);
    const bool i16 = in.type == DType::kInt16;
    const int32_t qmin = i16 ? -32768 : -128, qmax = i16 ? 32767 : 127;
    auto p = std::make_shared<ReluPrepared>();
    p->size = in.num_elements();
    switch (kind_) {
      case Kind::kRelu6:
        p->lo = in.quant.zp();
        p->hi = quantized_bound(6.0f, in.quant, qmin, qmax);
        break;
      case Kind::kRelu:
        p->m = quantize_multiplier(static_cast<double>(in.quant.s()) / static_cast<double>(out.quant.s()));
        p->lo = quantized_bound(0.0f, out.quant, qmin, qmax);
        p->hi = qmax;
        break;
      case Kind::kReluN1To1:
        p->m = quantize_multiplier(static_cast<double>(in.quant.s() / out.quant.s()));
        p->lo = quantized_bound(-1.0f, out.quant, qmin, qmax);
        p->hi = quantized_bound(1.0f, out.quant, qmin, qmax);
        break;
    }
    return p;
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const auto& p = op.prepared_as<ReluPrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/activations.h");
    if (kind_ == Kind::kRelu6) {
      e.decl(fmt::format("constexpr tinyaot_rt::Relu6Params {}_params = {{/*size=*/{}, /*lower=*/{}, /*upper=*/{}}};",
                         prefix, p.size, p.lo, p.hi));
      e.code(fmt::format("tinyaot_rt::relu6_clamp({}_params, {}, {});", prefix, e.ptr(op.inputs[0]),
                         e.ptr(op.outputs[0])));
      return;
    }
    e.decl(fmt::format(
        "constexpr tinyaot_rt::ReluParams {}_params = {{/*size=*/{}, /*input_zero_point=*/{}, "
        "/*output_zero_point=*/{}, /*output_multiplier=*/{}, /*output_shift=*/{}, /*act_min=*/{}, /*act_max=*/{}}};",
        prefix, p.size, g.tensor(op.inputs[0]).quant.zp(), g.tensor(op.outputs[0]).quant.zp(), p.m.multiplier,
        p.m.shift, p.lo, p.hi));
    e.code(fmt::format("tinyaot_rt::relu_requantize({}_params, {}, {});", prefix, e.ptr(op.inputs[0]),
                       e.ptr(op.outputs[0])));
  }

 private:
  Kind kind_;
};

}  // namespace

const OpDef& op_Relu() {
  static const Relu def(Kind::kRelu);
  return def;
}

const OpDef& op_Relu6() {
  static const Relu def(Kind::kRelu6);
  return def;
}

const OpDef& op_ReluN1To1() {
  static const Relu def(Kind::kReluN1To1);
  return def;
}

}  // namespace tinyaot
