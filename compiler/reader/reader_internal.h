// tinyaot: what the reader's files share (not a public interface).
// The reader works in phases over one ReadContext: container checks (reader.cpp), tensors and buffers
// (read_tensors.cpp), then operators and graph structure (read_ops.cpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/reader/tflite_subset_generated.h"
#include "compiler/support/error.h"

namespace tinyaot::reader {

/// Everything one read works on.
struct ReadContext {
  std::span<const uint8_t> file;    ///< the whole file (buffers of large models live outside the flatbuffer)
  const tfl::Model* model = nullptr;
  const tfl::SubGraph* subgraph = nullptr;
  Graph* graph = nullptr;
  std::vector<int> op_codes;        ///< builtin code per operator_codes entry
  std::vector<bool> referenced;     ///< tensor is an op input/output or a graph input/output
};

/// Throws Error(kind, reason) located at a tensor of the graph being read.
[[noreturn]] void fail_tensor(const ReadContext& c, int tensor, ErrorKind kind, const std::string& reason);
/// Throws Error(kind, reason) located at an operator (by model index) of the graph being read.
[[noreturn]] void fail_op(const ReadContext& c, int op, ErrorKind kind, const std::string& reason);

/// Phase 1: every tensor (type, shape, quantization, constant data) into c.graph->tensors.
void read_tensors(ReadContext& c);
/// Phase 2: operator codes, operators, graph inputs/outputs, index ranges, custom operators (refused)
/// and execution order; fills c.graph->ops (without definitions), inputs, outputs and c.referenced.
void read_structure(ReadContext& c);
/// Phase 3: properties of the tensors the graph uses that we do not support (floats, dynamic shapes).
void check_tensor_support(const ReadContext& c);
/// Phase 4: builtin operators we do not support; sets Op::def.
void resolve_ops(ReadContext& c);
/// Phase 5: activations of quantized types must carry quantization parameters.
void check_activation_quant(const ReadContext& c);
/// Phase 6: typed attributes through OpDef::parse.
void parse_ops(ReadContext& c);

/// "[1,49,10,1]"
std::string shape_text(const std::vector<int32_t>& dims);

}  // namespace tinyaot::reader
