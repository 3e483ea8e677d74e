// tinyaot: ModelWriter and the serializer of a ModelSpec into a .tflite flatbuffer.
#include "compiler/writer/model_writer.h"

#include <cstring>

#include "compiler/support/error.h"

namespace tinyaot {

namespace {

namespace fb = flatbuffers;

constexpr int kPlaceholderOpCode = static_cast<int>(tfl::BuiltinOperator::PLACEHOLDER_FOR_GREATER_OP_CODES);
constexpr std::size_t kDataAlign = 16;

std::size_t align_up(std::size_t n, std::size_t a) { return (n + a - 1) / a * a; }

bool is_external(const ModelSpec::Buffer& b) { return b.external && !b.data.empty(); }

fb::Offset<tfl::Tensor> write_tensor(fb::FlatBufferBuilder& b, const ModelSpec::Tensor& t) {
  fb::Offset<tfl::QuantizationParameters> quant;
  if (t.has_quant) {
    std::vector<int64_t> zp = t.zero_point;
    if (zp.empty()) zp.assign(t.scale.size(), 0);  // TFLite always writes one zero point per scale
    quant = tfl::CreateQuantizationParametersDirect(b, nullptr, nullptr, &t.scale, &zp,
                                                    tfl::QuantizationDetails::NONE, 0, t.quantized_dimension);
  }
  const auto shape = b.CreateVector(t.shape);
  const auto sig = t.shape_signature.empty() ? fb::Offset<fb::Vector<int32_t>>() : b.CreateVector(t.shape_signature);
  return tfl::CreateTensor(b, shape, t.type, t.buffer, b.CreateString(t.name), quant, t.is_variable, 0, sig);
}

fb::Offset<tfl::Operator> write_operator(fb::FlatBufferBuilder& b, const ModelSpec::Operator& op) {
  const WrittenOptions opts = op.options ? op.options(b) : WrittenOptions{};
  const auto custom = op.custom_options.empty() ? fb::Offset<fb::Vector<uint8_t>>() : b.CreateVector(op.custom_options);
  return tfl::CreateOperator(b, op.opcode_index, b.CreateVector(op.inputs), b.CreateVector(op.outputs), opts.type,
                             opts.table, custom);
}

fb::Offset<tfl::SubGraph> write_subgraph(fb::FlatBufferBuilder& b, const ModelSpec::SubGraph& sg) {
  std::vector<fb::Offset<tfl::Tensor>> tensors;
  for (const auto& t : sg.tensors) tensors.push_back(write_tensor(b, t));
  std::vector<fb::Offset<tfl::Operator>> ops;
  for (const auto& op : sg.operators) ops.push_back(write_operator(b, op));
  return tfl::CreateSubGraphDirect(b, &tensors, &sg.inputs, &sg.outputs, &ops, sg.name.c_str());
}

/// One serialization; `external_offsets[i]` is where buffer i's data goes when it is stored outside.
std::vector<uint8_t> build(const ModelSpec& s, const std::vector<uint64_t>& external_offsets) {
  fb::FlatBufferBuilder b(4096);
  std::vector<fb::Offset<tfl::Buffer>> buffers;
  for (std::size_t i = 0; i < s.buffers.size(); ++i) {
    const ModelSpec::Buffer& buf = s.buffers[i];
    if (is_external(buf)) {
      buffers.push_back(tfl::CreateBuffer(b, 0, external_offsets[i], buf.data.size()));
      continue;
    }
    fb::Offset<fb::Vector<uint8_t>> data;
    if (!buf.data.empty()) {
      b.ForceVectorAlignment(buf.data.size(), 1, kDataAlign);  // what TFLite's force_align: 16 asks for
      data = b.CreateVector(buf.data);
    }
    buffers.push_back(tfl::CreateBuffer(b, data, buf.offset, buf.size));
  }
  std::vector<fb::Offset<tfl::OperatorCode>> codes;
  for (const auto& c : s.op_codes) {
    // Old readers only see the 8-bit field; codes that do not fit say "look at builtin_code".
    const auto deprecated = static_cast<int8_t>(c.builtin_code < kPlaceholderOpCode ? c.builtin_code : kPlaceholderOpCode);
    codes.push_back(tfl::CreateOperatorCode(b, deprecated, c.custom_code.empty() ? 0 : b.CreateString(c.custom_code),
                                            c.version, static_cast<tfl::BuiltinOperator>(c.builtin_code)));
  }
  std::vector<fb::Offset<tfl::SubGraph>> subgraphs;
  for (const auto& sg : s.subgraphs) subgraphs.push_back(write_subgraph(b, sg));
  std::vector<fb::Offset<tfl::Metadata>> metadata;
  for (const auto& m : s.metadata) metadata.push_back(tfl::CreateMetadataDirect(b, m.name.c_str(), m.buffer));
  const auto model = tfl::CreateModelDirect(b, s.version, &codes, &subgraphs,
                                            s.description.empty() ? nullptr : s.description.c_str(), &buffers,
                                            nullptr, metadata.empty() ? nullptr : &metadata);
  tfl::FinishModelBuffer(b, model);
  return std::vector<uint8_t>(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

std::vector<uint8_t> le_bytes(const std::vector<int32_t>& v) {
  std::vector<uint8_t> out;
  out.reserve(v.size() * 4);
  for (int32_t x : v) {
    const auto u = static_cast<uint32_t>(x);
    for (int k = 0; k < 4; ++k) out.push_back(static_cast<uint8_t>(u >> (8 * k)));
  }
  return out;
}

}  // namespace

std::vector<uint8_t> write_model(const ModelSpec& spec) {
  // External data goes after the flatbuffer, whose size depends on nothing but which fields are
  // present: a first pass with placeholder offsets measures it, the second writes the real ones.
  std::vector<uint64_t> offsets(spec.buffers.size(), 0);
  bool any_external = false;
  for (std::size_t i = 0; i < spec.buffers.size(); ++i)
    if (is_external(spec.buffers[i])) offsets[i] = 2, any_external = true;
  std::vector<uint8_t> out = build(spec, offsets);
  if (!any_external) return out;
  std::size_t end = align_up(out.size(), kDataAlign);
  const std::size_t measured = end;
  for (std::size_t i = 0; i < spec.buffers.size(); ++i) {
    if (!is_external(spec.buffers[i])) continue;
    offsets[i] = end;
    end = align_up(end + spec.buffers[i].data.size(), kDataAlign);
  }
  out = build(spec, offsets);
  if (align_up(out.size(), kDataAlign) != measured)
    throw Error(ErrorKind::kInternal, "model writer: the flatbuffer changed size between passes");
  out.resize(end, 0);
  for (std::size_t i = 0; i < spec.buffers.size(); ++i)
    if (is_external(spec.buffers[i]))
      std::memcpy(out.data() + offsets[i], spec.buffers[i].data.data(), spec.buffers[i].data.size());
  return out;
}

int ModelWriter::add_buffer(std::vector<uint8_t> data, bool external) {
  ModelSpec::Buffer b;
  b.data = std::move(data);
  b.external = external;
  spec_.buffers.push_back(std::move(b));
  return static_cast<int>(spec_.buffers.size()) - 1;
}

int ModelWriter::add_tensor(const std::string& name, tfl::TensorType type, const Shape& shape, const Quant& q) {
  ModelSpec::Tensor t;
  t.name = name;
  t.type = type;
  t.shape = shape;
  if (q.present()) {
    t.has_quant = true;
    t.scale = q.scale;
    t.zero_point = q.zero_point;
    t.quantized_dimension = q.axis;
  }
  graph().tensors.push_back(std::move(t));
  return static_cast<int>(graph().tensors.size()) - 1;
}

int ModelWriter::add_const(const std::string& name, tfl::TensorType type, const Shape& shape,
                           std::vector<uint8_t> data, const Quant& q) {
  const int buffer = add_buffer(std::move(data));
  const int id = add_tensor(name, type, shape, q);
  tensor(id).buffer = static_cast<uint32_t>(buffer);
  return id;
}

int ModelWriter::add_const_i8(const std::string& name, const Shape& shape, const std::vector<int8_t>& v,
                              const Quant& q) {
  std::vector<uint8_t> bytes(v.size());
  if (!v.empty()) std::memcpy(bytes.data(), v.data(), v.size());
  return add_const(name, tfl::TensorType::INT8, shape, std::move(bytes), q);
}

int ModelWriter::add_const_i32(const std::string& name, const Shape& shape, const std::vector<int32_t>& v,
                               const Quant& q) {
  return add_const(name, tfl::TensorType::INT32, shape, le_bytes(v), q);
}

int ModelWriter::op_code(int builtin_code, const std::string& custom_code, int version) {
  for (std::size_t i = 0; i < spec_.op_codes.size(); ++i) {
    const auto& c = spec_.op_codes[i];
    if (c.builtin_code == builtin_code && c.custom_code == custom_code && c.version == version)
      return static_cast<int>(i);
  }
  spec_.op_codes.push_back({builtin_code, custom_code, version});
  return static_cast<int>(spec_.op_codes.size()) - 1;
}

int ModelWriter::add_op(int builtin_code, std::vector<int32_t> inputs, std::vector<int32_t> outputs, OptionsFn opts) {
  ModelSpec::Operator op;
  op.opcode_index = static_cast<uint32_t>(op_code(builtin_code));
  op.inputs = std::move(inputs);
  op.outputs = std::move(outputs);
  op.options = std::move(opts);
  graph().operators.push_back(std::move(op));
  return static_cast<int>(graph().operators.size()) - 1;
}

int ModelWriter::add_custom_op(const std::string& custom_code, std::vector<int32_t> inputs,
                               std::vector<int32_t> outputs, std::vector<uint8_t> custom_options) {
  ModelSpec::Operator op;
  op.opcode_index = static_cast<uint32_t>(op_code(static_cast<int>(tfl::BuiltinOperator::CUSTOM), custom_code));
  op.inputs = std::move(inputs);
  op.outputs = std::move(outputs);
  op.custom_options = std::move(custom_options);
  graph().operators.push_back(std::move(op));
  return static_cast<int>(graph().operators.size()) - 1;
}

void ModelWriter::add_metadata(const std::string& name, std::vector<uint8_t> data) {
  const int buffer = add_buffer(std::move(data));
  spec_.metadata.push_back({name, static_cast<uint32_t>(buffer)});
}

std::vector<uint8_t> ModelWriter::finish() const { return write_model(spec_); }

}  // namespace tinyaot
