// tinyaot: compile-time pieces shared by the element-wise binary ops SUB, MUL, SQUARED_DIFFERENCE,
// MAXIMUM, MINIMUM and PRELU: operand checks, the broadcast walk (broadcast_util.h) and the emission of the
// `<kernel>_elementwise` / `<kernel>_broadcast` call pair their runtime headers provide.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "compiler/ir/graph.h"
#include "compiler/ops/broadcast_util.h"

namespace tinyaot {

class EmitContext;

/// How the two operands are walked: flat when the shapes are equal, else a broadcast walk.
struct BinaryWalk {
  bool broadcast = false;
  BroadcastWalk walk;
  int64_t size = 0;  ///< output elements
};

/// Two inputs, one output; input 0 of one of `types`, input 1 and the output of the same type; every
/// tensor per-tensor quantized with a positive scale; int16 tensors with zero point 0 when
/// `int16_zero_points` is set. Returns the type.
DType check_binary_types(const Graph& g, const Op& op, std::initializer_list<DType> types,
                         bool int16_zero_points);
/// The output shape must be the broadcast of the input shapes, walkable in at most 6 dimensions once unit
/// dimensions are dropped and contiguous ones merged (a superset of TFLite's 4-D to 6-D kernels).
void check_binary_shapes(const Graph& g, const Op& op);
/// The walk of a checked op.
BinaryWalk binary_walk(const Graph& g, const Op& op);

/// Emits `constexpr tinyaot_rt::<params_type> <prefix>_params = <params_init>;` (skipped when params_type
/// is empty) and the call `tinyaot_rt::<kernel>_elementwise(params, a, b, out, size)` or
/// `tinyaot_rt::<kernel>_broadcast(params, bcast, a, b, out)`.
void emit_binary_call(EmitContext& e, const Op& op, const BinaryWalk& w, std::string_view header,
                      std::string_view kernel, std::string_view params_type, const std::string& params_init);

}  // namespace tinyaot
