// tinyaot: IR helpers, the verifier and the text dump.
#include "compiler/ir/graph.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/ops/op_def.h"
#include "compiler/support/error.h"

namespace tinyaot {

const char* dtype_name(DType t) {
  switch (t) {
    case DType::kInt8: return "int8";
    case DType::kUInt8: return "uint8";
    case DType::kInt16: return "int16";
    case DType::kInt32: return "int32";
    case DType::kInt64: return "int64";
    case DType::kFloat32: return "float32";
    case DType::kBool: return "bool";
    case DType::kOther: break;
  }
  return "other";
}

const char* dtype_ctype(DType t) {
  switch (t) {
    case DType::kInt8: return "int8_t";
    case DType::kUInt8: return "uint8_t";
    case DType::kInt16: return "int16_t";
    case DType::kInt32: return "int32_t";
    case DType::kInt64: return "int64_t";
    case DType::kFloat32: return "float";
    case DType::kBool: return "bool";
    case DType::kOther: break;
  }
  return "uint8_t";
}

std::size_t dtype_size(DType t) {
  switch (t) {
    case DType::kInt8: case DType::kUInt8: case DType::kBool: return 1;
    case DType::kInt16: return 2;
    case DType::kInt32: case DType::kFloat32: return 4;
    case DType::kInt64: return 8;
    case DType::kOther: break;
  }
  return 0;
}

int64_t Tensor::num_elements() const {
  int64_t n = 1;
  for (int32_t d : shape) n *= d;
  return n;
}

std::string Op::type() const { return def ? std::string(def->name()) : std::string("UNKNOWN"); }

const Tensor& Graph::storage(int id) const {
  const Tensor* t = &tensor(id);
  for (int guard = 0; t->alias_of >= 0 && guard < 1000; ++guard) t = &tensor(t->alias_of);
  return *t;
}

bool Graph::is_graph_input(int id) const {
  return std::find(inputs.begin(), inputs.end(), id) != inputs.end();
}

bool Graph::is_graph_output(int id) const {
  return std::find(outputs.begin(), outputs.end(), id) != outputs.end();
}

std::string describe(const Tensor& t) {
  return fmt::format("{}[{}]", dtype_name(t.type), fmt::join(t.shape, ","));
}

namespace {

[[noreturn]] void broken(const std::string& after, const std::string& what) {
  throw Error(ErrorKind::kInternal, fmt::format("IR verification failed after '{}': {}", after, what));
}

}  // namespace

void verify(const Graph& g, const std::string& after) {
  const int n = static_cast<int>(g.tensors.size());
  auto in_range = [&](int id) { return id >= 0 && id < n; };
  std::vector<bool> available(g.tensors.size(), false);
  for (int i = 0; i < n; ++i) {
    const Tensor& t = g.tensors[static_cast<std::size_t>(i)];
    if (t.id != i) broken(after, fmt::format("tensor at position {} has id {}", i, t.id));
    for (int32_t d : t.shape)
      if (d < 0) broken(after, fmt::format("tensor {} has a negative dimension", i));
    if (t.is_const && t.data.size() != t.bytes())
      broken(after, fmt::format("constant tensor {} has {} bytes of data, expected {}", i, t.data.size(), t.bytes()));
    if (t.alias_of >= 0 && (!in_range(t.alias_of) || t.alias_of == i))
      broken(after, fmt::format("tensor {} aliases invalid tensor {}", i, t.alias_of));
    if (t.is_const || t.is_variable) available[static_cast<std::size_t>(i)] = true;
  }
  for (int id : g.inputs) {
    if (!in_range(id)) broken(after, fmt::format("graph input {} out of range", id));
    available[static_cast<std::size_t>(id)] = true;
  }
  for (const Op& op : g.ops) {
    if (!op.def) broken(after, fmt::format("op {} has no definition", op.index));
    for (int id : op.inputs) {
      if (id == -1) continue;
      if (!in_range(id)) broken(after, fmt::format("op {} input {} out of range", op.index, id));
      if (!available[static_cast<std::size_t>(id)])
        broken(after, fmt::format("op {} reads tensor {} before it is produced", op.index, id));
    }
    for (int id : op.outputs) {
      if (!in_range(id)) broken(after, fmt::format("op {} output {} out of range", op.index, id));
      available[static_cast<std::size_t>(id)] = true;
    }
  }
  for (int id : g.outputs) {
    if (!in_range(id)) broken(after, fmt::format("graph output {} out of range", id));
    if (!available[static_cast<std::size_t>(id)]) broken(after, fmt::format("graph output {} is never produced", id));
  }
  // With memory pools every offset is relative to its own pool.
  bool planned = g.arena_size != 0;
  for (const MemoryPool& p : g.pools) planned = planned || p.size != 0;
  if (!planned) return;
  auto limit = [&](int pool) {
    if (g.pools.empty()) return g.arena_size;
    if (pool < 0 || static_cast<std::size_t>(pool) >= g.pools.size()) broken(after, fmt::format("no pool {}", pool));
    return g.pools[static_cast<std::size_t>(pool)].size;
  };
  for (const Tensor& t : g.tensors) {
    if (t.arena_offset == kNoOffset) continue;
    if (t.arena_offset + t.bytes() > limit(t.arena_pool))
      broken(after, fmt::format("tensor {} [{}, +{}) lies outside the arena of {} bytes", t.id, t.arena_offset,
                                t.bytes(), limit(t.arena_pool)));
  }
  for (const Op& op : g.ops)
    if (op.scratch_bytes > 0 &&
        (op.scratch_offset == kNoOffset || op.scratch_offset + op.scratch_bytes > limit(op.scratch_pool)))
      broken(after, fmt::format("op {} scratch is not placed inside the arena", op.index));
}

std::string dump(const Graph& g) {
  std::string s = fmt::format("graph '{}': {} tensors, {} ops, inputs [{}], outputs [{}]\n", g.source,
                              g.tensors.size(), g.ops.size(), fmt::join(g.inputs, ", "), fmt::join(g.outputs, ", "));
  if (g.arena_size) s += fmt::format("arena {} bytes (bound {})\n", g.arena_size, g.arena_bound);
  for (const Tensor& t : g.tensors) {
    std::string q;
    if (t.quant.present())
      q = t.quant.per_channel() ? fmt::format(" q=per-channel({} scales, axis {})", t.quant.scale.size(), t.quant.axis)
                                : fmt::format(" q=({:.9g}, {})", t.quant.s(), t.quant.zp());
    std::string mem;
    if (t.is_const) mem = " const";
    if (t.is_variable) mem += " variable";
    if (t.alias_of >= 0) mem += fmt::format(" alias_of={}+{}", t.alias_of, t.alias_offset);
    if (t.nchw) mem += " nchw";
    if (t.arena_offset != kNoOffset) mem += fmt::format(" @{}", t.arena_offset);
    if (t.arena_offset != kNoOffset && !g.pools.empty()) mem += fmt::format(" pool={}", t.arena_pool);
    s += fmt::format("  t{} {}{}{} '{}'\n", t.id, describe(t), q, mem, t.name);
  }
  for (const Op& op : g.ops) {
    s += fmt::format("  op{} {} in=[{}] out=[{}]", op.index, op.type(), fmt::join(op.inputs, ","),
                     fmt::join(op.outputs, ","));
    if (op.attrs) {
      std::string a = op.attrs->dump();
      if (!a.empty()) s += " " + a;
    }
    if (op.scratch_bytes) s += fmt::format(" scratch={}@{}", op.scratch_bytes, op.scratch_offset);
    if (op.placed) s += " placed";
    if (op.fused) s += " fused";
    if (op.patch_last >= 0) s += fmt::format(" patch=steps{}..{}/rows{}", op.patch_first, op.patch_last, op.patch_rows);
    if (!op.placement_reason.empty())
      s += fmt::format(" placement={} ({})", op.npu_partition >= 0 ? fmt::format("npu{}", op.npu_partition) : "cpu",
                       op.placement_reason);
    s += "\n";
  }
  return s;
}

}  // namespace tinyaot
