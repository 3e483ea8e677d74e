// tinyaot: HARD_SWISH, int8. TFLite Micro's HardSwishPrepare runs here: the "hires" input scale
// input_scale / 128 and the ratios to the output scale and to the reluish scale 3 / 32768 are float
// expressions, quantized as Q31 multipliers and rounded down to Q15 (DownScaleInt32ToInt16Multiplier).
// runtime_min/tinyaot_rt/hard_swish.h computes.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/quant/quant_math.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

namespace {

struct HardSwishPrepared : Prepared {
  int32_t out_mult16 = 0, out_exp = 0, reluish_mult16 = 0, reluish_exp = 0;
};

/// TFLite DownScaleInt32ToInt16Multiplier: round a non-negative Q31 multiplier to Q15, saturating.
int32_t downscale_to_q15(int32_t m) {
  constexpr int32_t kRoundingOffset = 1 << 15;
  if (m >= INT32_MAX - kRoundingOffset) return INT16_MAX;
  return (m + kRoundingOffset) >> 16;
}

class HardSwish final : public OpDef {
 public:
  std::string_view name() const override { return "HARD_SWISH"; }
  int builtin_code() const override { return static_cast<int>(tfl::BuiltinOperator::HARD_SWISH); }
  std::string_view summary() const override {
    return "int8; per-tensor quantization, any zero points; output scale >= input scale / 128 (TFLite's "
           "output multiplier never shifts left)";
  }

  void check(const Graph& g, const Op& op) const override {
    expect_io_count(g, op, 1, 1, 1);
    const int in_id = op.inputs[0], out_id = op.outputs[0];
    if (g.tensor(in_id).type != DType::kInt8)
      op_error(g, op, ErrorKind::kUnsupported,
               fmt::format("input has type {}; HARD_SWISH supports int8 only", dtype_name(g.tensor(in_id).type)),
               in_id);
    expect_type(g, op, out_id, DType::kInt8);
    for (int id : {in_id, out_id}) {
      expect_per_tensor_quant(g, op, id);
      if (!(g.tensor(id).quant.s() > 0.0f)) op_error(g, op, ErrorKind::kInvalidModel, "scale must be positive", id);
    }
    expect_shape(g, op, out_id, g.tensor(in_id).shape);
    if (compute(g, op).out_exp > 0)
      op_error(g, op, ErrorKind::kUnsupported,
               "output scale is smaller than input scale / 128 (TFLite requires a non-positive output exponent)",
               out_id);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    return std::make_shared<HardSwishPrepared>(compute(g, op));
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override {
    const auto& p = op.prepared_as<HardSwishPrepared>();
    const std::string prefix = e.op_prefix();
    e.use_runtime("tinyaot_rt/hard_swish.h");
    e.decl(fmt::format(R"(constexpr tinyaot_rt::HardSwishParams {}_params = {{
    /*size=*/{}, /*input_zero_point=*/{}, /*output_zero_point=*/{},
    /*reluish_multiplier_fixedpoint_int16=*/{}, /*reluish_multiplier_exponent=*/{},
    /*output_multiplier_fixedpoint_int16=*/{}, /*output_multiplier_exponent=*/{}}};)",
                       prefix, g.tensor(op.inputs[0]).num_elements(), g.tensor(op.inputs[0]).quant.zp(),
                       g.tensor(op.outputs[0]).quant.zp(), p.reluish_mult16, p.reluish_exp, p.out_mult16,
                       p.out_exp));
    e.code(fmt::format("tinyaot_rt::hard_swish_s8({}_params, {}, {});", prefix, e.ptr(op.inputs[0]),
                       e.ptr(op.outputs[0])));
  }

 private:
  static HardSwishPrepared compute(const Graph& g, const Op& op) {
    const float hires_input_scale = (1.0f / 128.0f) * g.tensor(op.inputs[0]).quant.s();
    const float reluish_scale = 3.0f / 32768.0f;
    const float output_scale = g.tensor(op.outputs[0]).quant.s();
    const QuantizedMultiplier out = quantize_multiplier(static_cast<double>(hires_input_scale / output_scale));
    const QuantizedMultiplier reluish = quantize_multiplier(static_cast<double>(hires_input_scale / reluish_scale));
    HardSwishPrepared p;
    p.out_mult16 = downscale_to_q15(out.multiplier);
    p.out_exp = out.shift;
    p.reluish_mult16 = downscale_to_q15(reluish.multiplier);
    p.reluish_exp = reluish.shift;
    return p;
  }
};

}  // namespace

const OpDef& op_HardSwish() {
  static const HardSwish def;
  return def;
}

}  // namespace tinyaot
