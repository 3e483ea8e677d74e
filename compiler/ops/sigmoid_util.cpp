// tinyaot: LOGISTIC / TANH compile-time input scaling (see sigmoid_util.h).
#include "compiler/ops/sigmoid_util.h"

#include <fmt/format.h>

#include <cmath>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"

namespace tinyaot {

SigmoidScaling sigmoid_scaling(float input_scale) {
  constexpr int kInputIntegerBits = 4;
  SigmoidScaling s;
  const double real = static_cast<double>(input_scale) * static_cast<double>(1 << (31 - kInputIntegerBits));
  int shift = 0;
  const double q = std::frexp(real, &shift);
  // TFLite casts round(q * 2^31) straight to int32 (no renormalisation of 2^31); keep its bits.
  s.multiplier = static_cast<int32_t>(static_cast<uint32_t>(static_cast<int64_t>(std::round(q * 2147483648.0))));
  s.left_shift = shift;
  if (shift < 0 || shift > 31) return s;
  const double max_rescaled = 1.0 * ((1 << kInputIntegerBits) - 1) *
                              static_cast<double>(int64_t{1} << (31 - kInputIntegerBits)) /
                              static_cast<double>(int64_t{1} << shift);
  s.radius = static_cast<int32_t>(std::floor(max_rescaled));
  s.valid = true;
  return s;
}

void check_sigmoid_op(const Graph& g, const Op& op, float out_scale, int32_t out_zero_point) {
  expect_io_count(g, op, 1, 1, 1);
  const int in_id = op.inputs[0], out_id = op.outputs[0];
  const DType t = g.tensor(in_id).type;
  if (t != DType::kInt8)
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("input has type {}; {} supports int8 only", dtype_name(t), op.type()), in_id);
  expect_type(g, op, out_id, DType::kInt8);
  for (int id : {in_id, out_id}) {
    expect_per_tensor_quant(g, op, id);
    if (!(g.tensor(id).quant.s() > 0.0f)) op_error(g, op, ErrorKind::kInvalidModel, "scale must be positive", id);
  }
  expect_shape(g, op, out_id, g.tensor(in_id).shape);
  const Quant& qo = g.tensor(out_id).quant;
  if (qo.s() != out_scale || qo.zp() != out_zero_point)
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("output must have scale {} and zero point {} (has {} and {})", out_scale, out_zero_point,
                         qo.s(), qo.zp()),
             out_id);
  if (!sigmoid_scaling(g.tensor(in_id).quant.s()).valid)
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("input scale {} is outside the range the fixed-point kernel handles ([2^-28, 16))",
                         g.tensor(in_id).quant.s()),
             in_id);
}

void emit_sigmoid_call(EmitContext& e, const Graph& g, const Op& op, const SigmoidScaling& s,
                       const std::string& header, const std::string& kernel) {
  const std::string prefix = e.op_prefix();
  e.use_runtime(header);
  e.decl(fmt::format(
      "constexpr tinyaot_rt::SigmoidParams {}_params = {{/*size=*/{}, /*input_zero_point=*/{}, "
      "/*input_range_radius=*/{}, /*input_multiplier=*/{}, /*input_left_shift=*/{}}};",
      prefix, g.tensor(op.inputs[0]).num_elements(), g.tensor(op.inputs[0]).quant.zp(), s.radius, s.multiplier,
      s.left_shift));
  e.code(fmt::format("tinyaot_rt::{}({}_params, {}, {});", kernel, prefix, e.ptr(op.inputs[0]),
                     e.ptr(op.outputs[0])));
}

}  // namespace tinyaot
