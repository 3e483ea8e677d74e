// tinyaot: reader phase 1 (tensors: type, shape, quantization, constant data) and the tensor-level support
// checks of phases 3 and 5. Structural problems are kInvalidModel; valid TFLite we cannot compile
// (floats, dynamic shapes, sparse tensors) is kUnsupported; sizes beyond kMaxTensorBytes are kDoesNotFit.
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "compiler/reader/reader.h"
#include "compiler/reader/reader_internal.h"

namespace tinyaot::reader {

namespace {

constexpr std::size_t kMaxRank = 8;

DType to_dtype(tfl::TensorType t) {
  switch (t) {
    case tfl::TensorType::INT8: return DType::kInt8;
    case tfl::TensorType::UINT8: return DType::kUInt8;
    case tfl::TensorType::INT16: return DType::kInt16;
    case tfl::TensorType::INT32: return DType::kInt32;
    case tfl::TensorType::INT64: return DType::kInt64;
    case tfl::TensorType::FLOAT32: return DType::kFloat32;
    case tfl::TensorType::BOOL: return DType::kBool;
    default: return DType::kOther;
  }
}

const tfl::Tensor& source_tensor(const ReadContext& c, int id) {
  return *c.subgraph->tensors()->Get(static_cast<flatbuffers::uoffset_t>(id));
}

/// The stored bytes of buffer `index`: inline, or (models over 2 GB) at offset/size in the file.
std::span<const uint8_t> buffer_bytes(const ReadContext& c, int tensor, uint32_t index) {
  const auto* buffers = c.model->buffers();
  const std::size_t n = buffers ? buffers->size() : 0;
  if (index >= n) {
    if (index == 0) return {};  // no buffer table at all: 0 still means "no data"
    fail_tensor(c, tensor, ErrorKind::kInvalidModel,
                fmt::format("buffer index {} is out of range (the model has {} buffers)", index, n));
  }
  const tfl::Buffer* b = buffers->Get(index);
  if (b->data() && b->data()->size() > 0) return {b->data()->data(), b->data()->size()};
  const uint64_t offset = b->offset(), size = b->size();
  if (offset == 0 && size == 0) return {};
  if (offset <= 1)  // 1 is the writer's placeholder for "not placed yet"
    fail_tensor(c, tensor, ErrorKind::kInvalidModel,
                fmt::format("buffer {} has {} bytes of external data at invalid offset {}", index, size, offset));
  if (offset > c.file.size() || size > c.file.size() - offset)
    fail_tensor(c, tensor, ErrorKind::kInvalidModel,
                fmt::format("buffer {}: its external data [{}, {}) lies outside the {}-byte file", index, offset,
                            offset + size, c.file.size()));
  return c.file.subspan(static_cast<std::size_t>(offset), static_cast<std::size_t>(size));
}

Shape read_shape(const ReadContext& c, int id, const tfl::Tensor& src, DType type) {
  Shape shape;
  if (src.shape()) shape.assign(src.shape()->begin(), src.shape()->end());
  if (shape.size() > kMaxRank)
    fail_tensor(c, id, ErrorKind::kUnsupported,
                fmt::format("rank {} is not supported (at most {} dimensions)", shape.size(), kMaxRank));
  const int64_t elem = std::max<int64_t>(1, static_cast<int64_t>(dtype_size(type)));
  // `bytes` skips zero dimensions: a [0,N,N,N] tensor is empty, but kernels multiply its other
  // dimensions (outer and inner sizes), so those must stay small too.
  int64_t bytes = elem;
  for (int32_t d : shape) {
    if (d == -1)
      fail_tensor(c, id, ErrorKind::kUnsupported, fmt::format("dynamic shape {} is not supported", shape_text(shape)));
    if (d < 0)
      fail_tensor(c, id, ErrorKind::kInvalidModel, fmt::format("shape {} has a negative dimension", shape_text(shape)));
    bytes *= std::max<int64_t>(d, 1);  // bytes <= 2^30 and d < 2^31, so this cannot overflow
    if (bytes > kMaxTensorBytes)
      fail_tensor(c, id, ErrorKind::kDoesNotFit,
                  fmt::format("shape {} is too large (more than {} bytes)", shape_text(shape), kMaxTensorBytes));
  }
  return shape;
}

/// Zero-point range of a quantized storage type; empty range (lo > hi) when any value is fine.
std::pair<int64_t, int64_t> zero_point_range(DType t) {
  switch (t) {
    case DType::kInt8: return {-128, 127};
    case DType::kUInt8: return {0, 255};
    case DType::kInt16: return {-32768, 32767};
    default: return {1, 0};
  }
}

/// Element k of the int64 zero-point vector. The verifier checks the alignment of a vector's length,
/// not of 8-byte elements, so a crafted file can misalign them: copy the bytes instead of loading.
int64_t zero_point_at(const flatbuffers::Vector<int64_t>& v, std::size_t k) {
  int64_t z;
  std::memcpy(&z, v.Data() + k * sizeof(int64_t), sizeof(z));
  return flatbuffers::EndianScalar(z);
}

Quant read_quant(const ReadContext& c, int id, const tfl::Tensor& src, const Shape& shape, DType type) {
  Quant q;
  const tfl::QuantizationParameters* p = src.quantization();
  if (!p) return q;
  if (p->details_type() != tfl::QuantizationDetails::NONE)
    fail_tensor(c, id, ErrorKind::kUnsupported, "custom (non-affine) quantization is not supported");
  if (!p->scale() || p->scale()->size() == 0) return q;  // min/max only: not quantized
  const std::size_t n = p->scale()->size();
  const std::size_t nz = p->zero_point() ? p->zero_point()->size() : 0;
  if (nz != 0 && nz != n)
    fail_tensor(c, id, ErrorKind::kInvalidModel,
                fmt::format("quantization has {} scales but {} zero points", n, nz));
  const auto [lo, hi] = zero_point_range(type);
  for (std::size_t k = 0; k < n; ++k) {
    const float s = p->scale()->Get(static_cast<flatbuffers::uoffset_t>(k));
    if (!std::isfinite(s) || s <= 0.0f)
      fail_tensor(c, id, ErrorKind::kInvalidModel,
                  fmt::format("quantization scale{} is {}; scales must be positive and finite",
                              n > 1 ? fmt::format("[{}]", k) : "", s));
    q.scale.push_back(s);
    const int64_t z = nz ? zero_point_at(*p->zero_point(), k) : 0;
    if (lo <= hi && (z < lo || z > hi))
      fail_tensor(c, id, ErrorKind::kInvalidModel,
                  fmt::format("zero point {} is outside the {} range", z, dtype_name(type)));
    q.zero_point.push_back(z);
  }
  const int rank = static_cast<int>(shape.size());
  int axis = p->quantized_dimension();
  // Some converters copy the filter's quantized dimension onto the 1-D bias (person_detect: 3 on [8]);
  // a vector has only one dimension to mean.
  if (rank == 1 && (axis < 0 || axis >= rank)) axis = 0;
  if (n > 1) {
    if (axis < 0 || axis >= rank)
      fail_tensor(c, id, ErrorKind::kInvalidModel,
                  fmt::format("per-channel quantization dimension {} is outside the shape {}", axis, shape_text(shape)));
    if (static_cast<std::size_t>(shape[static_cast<std::size_t>(axis)]) != n)
      fail_tensor(c, id, ErrorKind::kInvalidModel,
                  fmt::format("per-channel quantization has {} scales but dimension {} of shape {} has size {}", n,
                              axis, shape_text(shape), shape[static_cast<std::size_t>(axis)]));
  }
  q.axis = (axis >= 0 && axis < rank) ? axis : 0;
  return q;
}

}  // namespace

void read_tensors(ReadContext& c) {
  const auto* tensors = c.subgraph->tensors();
  const std::size_t count = tensors ? tensors->size() : 0;
  if (count > static_cast<std::size_t>(kMaxTensors))
    throw Error(ErrorKind::kDoesNotFit,
                fmt::format("the model has {} tensors; tinyaot compiles at most {}", count, kMaxTensors));
  const int n = static_cast<int>(count);
  c.graph->tensors.reserve(static_cast<std::size_t>(n));
  for (int id = 0; id < n; ++id) {
    const tfl::Tensor& src = source_tensor(c, id);
    Tensor t;
    t.id = id;
    t.name = src.name() ? src.name()->str() : std::string();
    t.type = to_dtype(src.type());
    t.is_variable = src.is_variable();
    if (src.sparsity()) fail_tensor(c, id, ErrorKind::kUnsupported, "sparse tensors are not supported");
    t.shape = read_shape(c, id, src, t.type);
    t.quant = read_quant(c, id, src, t.shape, t.type);
    const std::span<const uint8_t> data = buffer_bytes(c, id, src.buffer());
    // A buffer with data makes a constant; an empty one an activation. Element types we do not know
    // have no size to check; such tensors are refused later if the graph uses them.
    if (!data.empty() && dtype_size(t.type) > 0) {
      if (t.is_variable)
        fail_tensor(c, id, ErrorKind::kUnsupported, "variable tensors with initial data are not supported");
      if (data.size() != t.bytes())
        fail_tensor(c, id, ErrorKind::kInvalidModel,
                    fmt::format("constant data has {} bytes, but {} needs {}", data.size(), describe(t), t.bytes()));
      t.is_const = true;
      t.data.assign(data.begin(), data.end());
    }
    c.graph->tensors.push_back(std::move(t));
  }
}

namespace {

/// True when float32 tensor `id` only meets QUANTIZE (as its input) or DEQUANTIZE (as its output): a
/// quantized model with float I/O conversions. Anything else that touches a float is a float model.
bool float_at_boundary(const ReadContext& c, int id) {
  constexpr int kDequantize = 6, kQuantize = 114;
  bool touched = false;
  for (const Op& op : c.graph->ops) {
    const tfl::Operator* src = c.subgraph->operators()->Get(static_cast<flatbuffers::uoffset_t>(op.index));
    const int code = c.op_codes.at(src->opcode_index());
    for (int in : op.inputs)
      if (in == id) {
        if (code != kQuantize) return false;
        touched = true;
      }
    for (int out : op.outputs)
      if (out == id) {
        if (code != kDequantize) return false;
        touched = true;
      }
  }
  return touched;
}

}  // namespace

void check_tensor_support(const ReadContext& c) {
  for (const Tensor& t : c.graph->tensors) {
    if (!c.referenced[static_cast<std::size_t>(t.id)]) continue;  // e.g. LSTM intermediates nobody reads
    const tfl::Tensor& src = source_tensor(c, t.id);
    if (t.type == DType::kFloat32 && !float_at_boundary(c, t.id))
      fail_tensor(c, t.id, ErrorKind::kUnsupported,
                  "float models are not supported: this tensor is float32 (convert the model with full int8 "
                  "quantization)");
    if (t.type == DType::kOther) {
      const char* name = tfl::EnumNameTensorType(src.type());
      fail_tensor(c, t.id, ErrorKind::kUnsupported,
                  fmt::format("tensor type {} is not supported", *name ? name : std::to_string(static_cast<int>(src.type()))));
    }
    // A dynamic batch dimension that the shape fixes to 1 is what converters write for Keras models;
    // like TFLM we use the static shape. Anything else really is dynamic.
    if (!src.shape_signature() || src.shape_signature()->size() == 0) continue;
    const std::vector<int32_t> sig(src.shape_signature()->begin(), src.shape_signature()->end());
    bool is_static = sig.size() == t.shape.size();
    for (std::size_t k = 0; is_static && k < sig.size(); ++k)
      is_static = sig[k] == t.shape[k] || (sig[k] == -1 && k == 0 && t.shape[0] == 1);
    if (!is_static)
      fail_tensor(c, t.id, ErrorKind::kUnsupported,
                  fmt::format("dynamic shape {} is not supported (only a batch dimension fixed to 1 may be open)",
                              shape_text(sig)));
  }
}

void check_activation_quant(const ReadContext& c) {
  for (const Tensor& t : c.graph->tensors) {
    if (!c.referenced[static_cast<std::size_t>(t.id)] || t.is_const || t.quant.present()) continue;
    if (t.type == DType::kInt8 || t.type == DType::kUInt8 || t.type == DType::kInt16)
      fail_tensor(c, t.id, ErrorKind::kInvalidModel,
                  fmt::format("{} activation has no quantization parameters", dtype_name(t.type)));
  }
}

}  // namespace tinyaot::reader
