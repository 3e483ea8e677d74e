// tinyaot: what an operator definition provides.
// One op = one file in compiler/ops/ implementing OpDef, registered by one line in op_list.h. The split
// follows TFLite Micro's Prepare/Eval: everything that depends only on the model (multipliers, shifts,
// padding, folded biases) is computed here at compile time and emitted as constants, so the runtime kernel
// only computes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "compiler/ir/graph.h"
#include "compiler/support/error.h"

namespace tinyaot {

namespace tfl {
struct Operator;  // flatbuffers table generated from compiler/reader/tflite_subset.fbs
}
class EmitContext;

/// The definition of one TFLite builtin operator.
class OpDef {
 public:
  virtual ~OpDef() = default;

  /// TFLite builtin name, e.g. "CONV_2D".
  virtual std::string_view name() const = 0;
  /// TFLite BuiltinOperator enum value.
  virtual int builtin_code() const = 0;
  /// One line for docs/SUPPORTED_OPS.md: types and constraints.
  virtual std::string_view summary() const = 0;

  /// Reads the typed attributes from the operator's builtin options. Default: no attributes.
  virtual std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op& ir_op) const;
  /// Checks input/output count, types, shapes and quantization; throws Error (kUnsupported or
  /// kInvalidModel) naming the op and tensor.
  virtual void check(const Graph& g, const Op& op) const = 0;
  /// Compile-time computation. Default: nothing.
  virtual std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const;
  /// Bytes of working memory the kernel needs while this op runs. Default: 0.
  virtual std::size_t scratch_bytes(const Graph& g, const Op& op) const;
  /// Multiply-accumulates of one invoke (for reports). Default: 0.
  virtual int64_t macs(const Graph& g, const Op& op) const;
  /// True when the output is only a reinterpretation of input 0's bytes (RESHAPE): the planner may alias
  /// it and emit() is then not called.
  virtual bool is_view() const { return false; }
  /// For an op whose output is its inputs laid end to end along one axis (CONCATENATION): that axis
  /// (normalized, >= 0), so place-concat may let the producers write straight into the output. -1: not such
  /// an op. Default: -1.
  virtual int placement_axis(const Graph&, const Op&) const { return -1; }
  /// Appends the kernel call(s) for this op to the generated invoke().
  virtual void emit(EmitContext& e, const Graph& g, const Op& op) const = 0;
};

/// Throws Error(kind) located at `op` (and optionally one of its tensors).
[[noreturn]] void op_error(const Graph& g, const Op& op, ErrorKind kind, const std::string& reason,
                           int tensor_id = -1);

/// Common checks op files use; each throws a located Error.
void expect_io_count(const Graph& g, const Op& op, std::size_t min_in, std::size_t max_in,
                     std::size_t outs);
void expect_type(const Graph& g, const Op& op, int tensor_id, DType type);
void expect_per_tensor_quant(const Graph& g, const Op& op, int tensor_id);
void expect_const(const Graph& g, const Op& op, int tensor_id);

}  // namespace tinyaot
