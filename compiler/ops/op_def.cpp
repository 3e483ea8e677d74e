// tinyaot: default OpDef behaviour and the checks op files share.
#include "compiler/ops/op_def.h"

#include <fmt/format.h>

namespace tinyaot {

std::shared_ptr<const Attrs> OpDef::parse(const tfl::Operator&, const Op&) const { return nullptr; }
std::shared_ptr<const Prepared> OpDef::prepare(const Graph&, const Op&) const { return nullptr; }
std::size_t OpDef::scratch_bytes(const Graph&, const Op&) const { return 0; }
int64_t OpDef::macs(const Graph&, const Op&) const { return 0; }

void op_error(const Graph& g, const Op& op, ErrorKind kind, const std::string& reason, int tensor_id) {
  Error e(kind, reason);
  e.at_op(op.index, op.type());
  if (tensor_id >= 0 && tensor_id < static_cast<int>(g.tensors.size()))
    e.at_tensor(tensor_id, g.tensor(tensor_id).name);
  if (!g.source.empty()) e.in_file(g.source);
  throw e;
}

void expect_io_count(const Graph& g, const Op& op, std::size_t min_in, std::size_t max_in, std::size_t outs) {
  if (op.inputs.size() < min_in || op.inputs.size() > max_in)
    op_error(g, op, ErrorKind::kInvalidModel,
             min_in == max_in ? fmt::format("expects {} inputs, has {}", min_in, op.inputs.size())
                              : fmt::format("expects {} to {} inputs, has {}", min_in, max_in, op.inputs.size()));
  if (op.outputs.size() != outs)
    op_error(g, op, ErrorKind::kInvalidModel, fmt::format("expects {} outputs, has {}", outs, op.outputs.size()));
  for (std::size_t i = 0; i < min_in; ++i)
    if (op.inputs[i] < 0) op_error(g, op, ErrorKind::kInvalidModel, fmt::format("required input {} is missing", i));
}

void expect_type(const Graph& g, const Op& op, int tensor_id, DType type) {
  const Tensor& t = g.tensor(tensor_id);
  if (t.type != type)
    op_error(g, op, ErrorKind::kUnsupported,
             fmt::format("has type {}, {} supports {} here", dtype_name(t.type), op.type(), dtype_name(type)),
             tensor_id);
}

void expect_per_tensor_quant(const Graph& g, const Op& op, int tensor_id) {
  const Tensor& t = g.tensor(tensor_id);
  if (!t.quant.present())
    op_error(g, op, ErrorKind::kInvalidModel, "quantization parameters are missing", tensor_id);
  if (t.quant.per_channel())
    op_error(g, op, ErrorKind::kUnsupported, "per-channel quantization is not supported for this tensor", tensor_id);
}

void expect_const(const Graph& g, const Op& op, int tensor_id) {
  if (!g.tensor(tensor_id).is_const)
    op_error(g, op, ErrorKind::kUnsupported, "must be a constant tensor", tensor_id);
}

}  // namespace tinyaot
