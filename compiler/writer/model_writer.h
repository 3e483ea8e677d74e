// tinyaot: a small builder for .tflite files (schema v3) over flatbuffers' FlatBufferBuilder.
// Used by the tests (valid and deliberately broken models), the sample model and the Vela hand-off. The
// model is kept as plain specs until finish(), so callers can also edit any field directly (spec()) to
// produce exactly the malformed file a test needs.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

/// Builtin options of one operator: the union type and the table written into the builder.
struct WrittenOptions {
  tfl::BuiltinOptions type = tfl::BuiltinOptions::NONE;
  flatbuffers::Offset<void> table;
};
/// Writes an operator's options table; called during finish().
using OptionsFn = std::function<WrittenOptions(flatbuffers::FlatBufferBuilder&)>;

/// Wraps a typed options table: make_options(tfl::BuiltinOptions::AddOptions, [](auto& b) { return
/// tfl::CreateAddOptions(b).Union(); }).
inline OptionsFn make_options(tfl::BuiltinOptions type, std::function<flatbuffers::Offset<void>(flatbuffers::FlatBufferBuilder&)> f) {
  return [type, f = std::move(f)](flatbuffers::FlatBufferBuilder& b) { return WrittenOptions{type, f(b)}; };
}

/// The raw content of a model, one-to-one with the schema fields the writer knows.
struct ModelSpec {
  struct Buffer {
    std::vector<uint8_t> data;
    bool external = false;       ///< store the data after the flatbuffer (offset/size), as >2 GB models do
    uint64_t offset = 0, size = 0;  ///< written as is when not external (for broken-model tests)
  };
  struct Tensor {
    std::string name;
    tfl::TensorType type = tfl::TensorType::INT8;
    std::vector<int32_t> shape;
    std::vector<int32_t> shape_signature;  ///< empty: not written
    uint32_t buffer = 0;
    bool has_quant = false;                ///< write a QuantizationParameters table
    std::vector<float> scale;
    std::vector<int64_t> zero_point;
    int quantized_dimension = 0;
    bool is_variable = false;
  };
  struct OpCode {
    int builtin_code = 0;
    std::string custom_code;
    int version = 1;
  };
  struct Operator {
    uint32_t opcode_index = 0;
    std::vector<int32_t> inputs, outputs;
    OptionsFn options;                 ///< empty: no builtin options
    std::vector<uint8_t> custom_options;
  };
  struct SubGraph {
    std::vector<Tensor> tensors;
    std::vector<int32_t> inputs, outputs;
    std::vector<Operator> operators;
    std::string name;
  };
  struct Metadata {
    std::string name;
    uint32_t buffer = 0;
  };
  uint32_t version = 3;
  std::string description;
  std::vector<OpCode> op_codes;
  std::vector<SubGraph> subgraphs = {SubGraph{}};
  std::vector<Buffer> buffers = {Buffer{}};  ///< buffers[0] is the empty sentinel
  std::vector<Metadata> metadata;
};

/// Builds a one-subgraph model step by step. Tensor and buffer ids are indices, as in the file.
class ModelWriter {
 public:
  /// Adds a buffer and returns its index.
  int add_buffer(std::vector<uint8_t> data, bool external = false);
  /// Adds an activation (no data). `q` empty means no quantization table.
  int add_tensor(const std::string& name, tfl::TensorType type, const Shape& shape, const Quant& q = {});
  /// Adds a constant tensor with its little-endian data (a new buffer).
  int add_const(const std::string& name, tfl::TensorType type, const Shape& shape, std::vector<uint8_t> data,
                const Quant& q = {});
  /// Typed constants.
  int add_const_i8(const std::string& name, const Shape& shape, const std::vector<int8_t>& v, const Quant& q = {});
  int add_const_i32(const std::string& name, const Shape& shape, const std::vector<int32_t>& v, const Quant& q = {});
  /// Index of the operator code (builtin, or custom when custom_code is set), added on first use.
  int op_code(int builtin_code, const std::string& custom_code = "", int version = 1);
  /// Adds an operator; returns its index.
  int add_op(int builtin_code, std::vector<int32_t> inputs, std::vector<int32_t> outputs, OptionsFn opts = {});
  int add_op(tfl::BuiltinOperator code, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
             OptionsFn opts = {}) {
    return add_op(static_cast<int>(code), std::move(inputs), std::move(outputs), std::move(opts));
  }
  /// Adds a custom operator (e.g. "ethos-u") with its raw custom options.
  int add_custom_op(const std::string& custom_code, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
                    std::vector<uint8_t> custom_options = {});
  void set_inputs(std::vector<int32_t> ids) { graph().inputs = std::move(ids); }
  void set_outputs(std::vector<int32_t> ids) { graph().outputs = std::move(ids); }
  void set_description(std::string d) { spec_.description = std::move(d); }
  /// Adds a Metadata entry pointing at a new buffer holding `data`.
  void add_metadata(const std::string& name, std::vector<uint8_t> data);

  /// Direct access for tests that need a field the helpers do not set.
  ModelSpec& spec() { return spec_; }
  const ModelSpec& spec() const { return spec_; }
  ModelSpec::Tensor& tensor(int id) { return graph().tensors.at(static_cast<std::size_t>(id)); }
  ModelSpec::Operator& op(int index) { return graph().operators.at(static_cast<std::size_t>(index)); }

  /// The finished .tflite file (identifier "TFL3"). External buffers follow the flatbuffer, 16-aligned.
  std::vector<uint8_t> finish() const;

 private:
  ModelSpec::SubGraph& graph() { return spec_.subgraphs.at(0); }
  ModelSpec spec_;
};

/// Serializes a spec (what ModelWriter::finish does).
std::vector<uint8_t> write_model(const ModelSpec& spec);

}  // namespace tinyaot
