// tinyaot: emission of the in-place convolution kernels (see inplace_emit.h).
#include "compiler/ops/inplace_emit.h"

#include <fmt/format.h>

#include <span>

#include "compiler/emit/emit_context.h"
#include "compiler/support/error.h"

namespace tinyaot {

bool emit_inplace_conv_call(EmitContext& e, const Op& op, std::string_view kernel, const std::string& params,
                            const ConvPrepared& p) {
  if (op.inplace_dir == 0) return false;
  const Graph& g = e.graph();
  if (op.inplace_ring < 1 || op.scratch_offset == kNoOffset)
    throw Error(ErrorKind::kInternal, "in-place convolution without its ring buffer").at_op(op.index, op.type());
  e.use_runtime("tinyaot_rt/conv_inplace.h");
  const std::string prefix = e.op_prefix();
  const std::string mult = e.const_array(prefix + "_multiplier", std::span<const int32_t>(p.mult.multiplier));
  const std::string shift = e.const_array(prefix + "_shift", std::span<const int32_t>(p.mult.shift));
  std::string bias;
  switch (p.bias_kind) {
    case ConvPrepared::BiasKind::kNone:
      bias = p.act_type == DType::kInt16 ? "static_cast<const int64_t*>(nullptr)"
                                         : "static_cast<const int32_t*>(nullptr)";
      break;
    case ConvPrepared::BiasKind::kInt32:
      bias = e.const_array(prefix + "_bias", std::span<const int32_t>(p.bias32));
      break;
    case ConvPrepared::BiasKind::kInt64:
      bias = e.const_array(prefix + "_bias", std::span<const int64_t>(p.bias64));
      break;
  }
  const char* ctype = dtype_ctype(g.tensor(op.outputs[0]).type);
  const std::string ring =
      fmt::format("reinterpret_cast<{}*>(arena + {})", ctype, op.scratch_offset + op.inplace_ring_offset);
  // The target's DSP/Helium variant if it has one (same signature), else the reference kernel.
  const std::string fn = e.kernel(fmt::format("{}_inplace_{}", kernel, kernel_suffix(p.act_type)));
  e.code(fmt::format(R"(// In place: the output overlaps the input; {walk} walk, {ring} pixel(s) staged.
tinyaot_rt::{fn}({params}, tinyaot_rt::InPlaceParams{{{rev}, {ring}}},
    /*input=*/{in},
    /*filter=*/{filter},
    /*bias=*/{bias},
    /*multiplier=*/{mult}, /*shift=*/{shift},
    /*output=*/{out},
    /*ring=*/{ring_ptr});)",
                     fmt::arg("walk", op.inplace_dir > 0 ? "forward" : "backward"),
                     fmt::arg("ring", op.inplace_ring), fmt::arg("fn", fn), fmt::arg("params", params),
                     fmt::arg("rev", op.inplace_dir > 0 ? 0 : 1), fmt::arg("in", e.ptr(op.inputs[0])),
                     fmt::arg("filter", e.ptr(op.inputs[1])), fmt::arg("bias", bias), fmt::arg("mult", mult),
                     fmt::arg("shift", shift), fmt::arg("out", e.ptr(op.outputs[0])), fmt::arg("ring_ptr", ring)));
  return true;
}

}  // namespace tinyaot
