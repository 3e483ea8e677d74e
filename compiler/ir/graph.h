// tinyaot: the intermediate representation.
// A Graph is one subgraph of a TFLite model after reading: tensors (shape, type, quantization, constant
// data), ops in schedule order with typed attributes, and, after planning, arena offsets. Passes transform
// it; the emitter reads it. Tensor ids are the tensor indices of the source model, so messages and dumps
// always name what the user sees in Netron.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ir/memory_pool.h"

namespace tinyaot {

class OpDef;

/// Element types we know about (a superset of what we compile).
enum class DType { kInt8, kUInt8, kInt16, kInt32, kInt64, kFloat32, kBool, kOther };

const char* dtype_name(DType t);   ///< "int8", "float32", ...
const char* dtype_ctype(DType t);  ///< "int8_t", "float", ...
std::size_t dtype_size(DType t);   ///< bytes per element (0 for kOther)

/// Affine quantization: real = scale * (q - zero_point). Per-tensor has one entry, per-channel one per
/// slice along `axis`.
struct Quant {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int axis = 0;
  bool present() const { return !scale.empty(); }
  bool per_channel() const { return scale.size() > 1; }
  /// The per-tensor zero point (0 when absent).
  int32_t zp() const { return zero_point.empty() ? 0 : static_cast<int32_t>(zero_point[0]); }
  /// The per-tensor scale (0 when absent).
  float s() const { return scale.empty() ? 0.0f : scale[0]; }
};

using Shape = std::vector<int32_t>;

/// Sentinel for "no arena offset assigned".
inline constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);

/// One tensor of the graph.
struct Tensor {
  int id = -1;                ///< index in the source subgraph
  std::string name;
  DType type = DType::kOther;
  Shape shape;
  Quant quant;
  bool is_const = false;      ///< has data in the model (weights, biases, shapes)
  bool is_variable = false;   ///< state that persists across invokes (LSTM/SVDF)
  std::vector<uint8_t> data;  ///< constant data, little-endian, exactly bytes() long when is_const

  /// Memory plan. A view (alias_of >= 0) shares the storage of another tensor at alias_offset bytes in.
  int alias_of = -1;
  std::size_t alias_offset = 0;
  std::size_t arena_offset = kNoOffset;
  int arena_pool = 0;  ///< with memory pools (Graph::pools): the pool holding it (views: their storage's)
  /// Set by fuse-input-transpose (passes/fuse_input_transpose.h): this NHWC-shaped view holds the bytes of
  /// the model's NCHW input unpermuted; only its one consumer, which reads NCHW, may use it.
  bool nchw = false;

  int64_t num_elements() const;
  std::size_t bytes() const { return static_cast<std::size_t>(num_elements()) * dtype_size(type); }
  /// Typed view of constant data (caller checks the type).
  template <typename T>
  const T* data_as() const { return reinterpret_cast<const T*>(data.data()); }
};

/// Base of per-op typed attributes (stride, padding, ...), defined by each op file.
struct Attrs {
  virtual ~Attrs() = default;
  /// Stable one-line text, "key=value key=value", for IR dumps.
  virtual std::string dump() const = 0;
};

/// Base of per-op compile-time results (multipliers, shifts, folded biases), defined by each op file.
struct Prepared {
  virtual ~Prepared() = default;
};

/// One operator.
struct Op {
  int index = -1;             ///< operator index in the source model
  const OpDef* def = nullptr; ///< what the op is (registry entry)
  std::vector<int> inputs;    ///< tensor ids; -1 for an omitted optional input
  std::vector<int> outputs;
  std::shared_ptr<const Attrs> attrs;
  std::shared_ptr<const Prepared> prepared;
  std::size_t scratch_bytes = 0;          ///< working memory during this op only
  std::size_t scratch_offset = kNoOffset; ///< its place in the arena
  int scratch_pool = 0;                   ///< with memory pools: the pool holding the scratch
  /// Placement chosen by the partition pass when compiling for an NPU (--npu): the NPU partition index,
  /// or -1 for the CPU; placement_reason says why ("" when no NPU was chosen). Shown by dump().
  int npu_partition = -1;
  std::string placement_reason;
  /// In-place execution chosen by plan-memory (passes/inplace_access.h): the output overlaps input
  /// inputs[inplace_input] and the kernel walks its output forward (+1) or backward (-1), staging
  /// `inplace_ring` units in the op's scratch from byte `inplace_ring_offset`. 0 / -1: not in place.
  int inplace_dir = 0;
  int inplace_input = -1;
  int inplace_ring = 0;
  std::size_t inplace_ring_offset = 0;
  /// Patch-based execution chosen by the patch-stack pass (passes/patch_stack.h): ops at steps
  /// [patch_first, patch_last] run as one stack, tile by tile (patch_rows output rows of the last op per
  /// tile, halos recomputed); the last op emits the whole stack and the others emit nothing. Tensors
  /// between them never get arena memory. On the last op the first patch_own_scratch bytes of its
  /// scratch are its own, then come the stack's two ping-pong tile buffers. -1 / 0: not in a stack.
  int patch_first = -1;
  int patch_last = -1;
  int patch_rows = 0;
  std::size_t patch_own_scratch = 0;
  /// Set by place-concat (passes/place_concat.h): every input already sits in its slice of the output
  /// (the inputs alias the output's storage), so the op emits no code.
  bool placed = false;
  /// Set by fuse-input-transpose: this TRANSPOSE's work is done by its consumer, so it emits no code.
  bool fused = false;

  /// The op's type name, "CONV_2D".
  std::string type() const;
  /// Typed access to attributes / prepared data; the op file knows the concrete type.
  template <typename T>
  const T& attrs_as() const { return static_cast<const T&>(*attrs); }
  template <typename T>
  const T& prepared_as() const { return static_cast<const T&>(*prepared); }
};

/// A whole model: one subgraph, ops in execution order.
struct Graph {
  std::string source;          ///< the model file, for messages
  std::string description;     ///< model description string, if any
  std::vector<Tensor> tensors; ///< indexed by Tensor::id
  std::vector<Op> ops;         ///< schedule order
  std::vector<int> inputs;
  std::vector<int> outputs;
  std::size_t arena_size = 0;  ///< set by memory planning
  std::size_t arena_bound = 0; ///< lower bound the planner reports (largest live set)
  int64_t patch_extra_macs = 0; ///< MACs recomputed by patch-based execution (halos), set by patch-stack
  std::string arena_planner;   ///< the planner whose plan won (for reports and the benchmark)
  /// Memory pools (--pool), in command-line order; empty: one arena. With pools, arena_size is the
  /// first pool's size and every offset is relative to its buffer's pool.
  std::vector<MemoryPool> pools;

  Tensor& tensor(int id) { return tensors.at(static_cast<std::size_t>(id)); }
  const Tensor& tensor(int id) const { return tensors.at(static_cast<std::size_t>(id)); }
  /// The tensor whose storage `id` really uses (follows alias_of chains).
  const Tensor& storage(int id) const;
  bool is_graph_input(int id) const;
  bool is_graph_output(int id) const;
};

/// Checks structural invariants (ids in range, every non-constant input produced before use, shapes
/// non-negative, views consistent, offsets inside the arena once planned). Throws Error(kInternal) naming
/// the pass that broke it.
void verify(const Graph& g, const std::string& after_pass);

/// Stable, human-readable text of the whole graph (tensors, ops with attrs, memory plan).
std::string dump(const Graph& g);

/// "int8[1,49,10,1]"
std::string describe(const Tensor& t);

}  // namespace tinyaot
