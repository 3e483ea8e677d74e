// tinyaot: shared compile-time pieces of the element-wise binary ops (see binary_util.h).
#include "compiler/ops/binary_util.h"

#include <fmt/format.h>

#include <optional>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"

namespace tinyaot {

DType check_binary_types(const Graph& g, const Op& op, std::initializer_list<DType> types,
                         bool int16_zero_points) {
  expect_io_count(g, op, 2, 2, 1);
  const DType t = g.tensor(op.inputs[0]).type;
  bool ok = false;
  std::string names;
  for (DType allowed : types) {
    ok = ok || allowed == t;
    names += (names.empty() ? "" : " and ") + std::string(dtype_name(allowed));
  }
  if (!ok)
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("input has type {}; {} supports {}", dtype_name(t), op.type(), names), op.inputs[0]);
  for (int id : {op.inputs[1], op.outputs[0]}) expect_type(g, op, id, t);
  for (int id : {op.inputs[0], op.inputs[1], op.outputs[0]}) {
    expect_per_tensor_quant(g, op, id);
    if (!(g.tensor(id).quant.s() > 0.0f)) op_error(g, op, ErrorKind::kInvalidModel, "scale must be positive", id);
    if (int16_zero_points && t == DType::kInt16 && g.tensor(id).quant.zp() != 0)
      op_error(g, op, ErrorKind::kUnsupported, fmt::format("int16 {} needs zero point 0", op.type()), id);
  }
  return t;
}

void check_binary_shapes(const Graph& g, const Op& op) {
  const Shape& a = g.tensor(op.inputs[0]).shape;
  const Shape& b = g.tensor(op.inputs[1]).shape;
  const std::optional<Shape> out = broadcast_shape(a, b);
  if (!out)
    op_error(g, op, ErrorKind::kInvalidModel,
             fmt::format("input shapes [{}] and [{}] cannot be broadcast together", fmt::join(a, ", "),
                         fmt::join(b, ", ")));
  expect_shape(g, op, op.outputs[0], *out);
  if (a != b && !broadcast_walk(a, b, *out))
    op_error(g, op, ErrorKind::kUnsupported, "broadcasting over more than 6 dimensions is not supported",
             op.outputs[0]);
}

BinaryWalk binary_walk(const Graph& g, const Op& op) {
  const Shape& a = g.tensor(op.inputs[0]).shape;
  const Shape& b = g.tensor(op.inputs[1]).shape;
  const Tensor& out = g.tensor(op.outputs[0]);
  BinaryWalk w;
  w.broadcast = a != b;
  if (w.broadcast) w.walk = *broadcast_walk(a, b, out.shape);
  w.size = out.num_elements();
  return w;
}

void emit_binary_call(EmitContext& e, const Op& op, const BinaryWalk& w, std::string_view header,
                      std::string_view kernel, std::string_view params_type, const std::string& params_init) {
  const std::string prefix = e.op_prefix();
  e.use_runtime(header);
  std::string params;
  if (!params_type.empty()) {
    e.decl(fmt::format("constexpr tinyaot_rt::{} {}_params = {};", params_type, prefix, params_init));
    params = prefix + "_params, ";
  }
  const std::string a = e.ptr(op.inputs[0]), b = e.ptr(op.inputs[1]), out = e.ptr(op.outputs[0]);
  if (!w.broadcast) {
    e.code(fmt::format("tinyaot_rt::{}_elementwise({}{}, {}, {}, {});", kernel, params, a, b, out, w.size));
    return;
  }
  e.decl(fmt::format("constexpr tinyaot_rt::BroadcastDesc {}_bcast = {};", prefix, broadcast_desc_init(w.walk)));
  e.code(fmt::format("tinyaot_rt::{}_broadcast({}{}_bcast, {}, {}, {});", kernel, params, prefix, a, b, out));
}

}  // namespace tinyaot
