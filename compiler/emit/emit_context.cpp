// tinyaot: EmitContext, the sink op emitters write into.
// Constant arrays are formatted by hand (not fmt per element): mobilenet-sized models have millions of
// weights and compile time is a product requirement (< 1 s per model).
#include "compiler/emit/emit_context.h"

#include <fmt/format.h>

#include <array>
#include <cctype>

#include "compiler/emit/kernel_variants.h"
#include "compiler/ops/op_def.h"
#include "compiler/support/error.h"

namespace tinyaot {

namespace {

/// Appends "v," for each value, 32 per line.
template <typename T>
std::string format_values(std::span<const T> v) {
  std::string out;
  out.reserve(v.size() * (sizeof(T) <= 1 ? 5 : 12));
  char buf[32];
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i % 32 == 0) out += "\n  ";
    const int64_t x = static_cast<int64_t>(v[i]);
    if (x == INT64_MIN) {
      out += "(-9223372036854775807LL - 1),";
      continue;
    }
    // Manual conversion: fastest portable way for millions of small integers.
    uint64_t u = x < 0 ? static_cast<uint64_t>(-x) : static_cast<uint64_t>(x);
    char* p = buf + sizeof(buf);
    *--p = ',';
    do {
      *--p = static_cast<char>('0' + u % 10);
      u /= 10;
    } while (u);
    if (x < 0) *--p = '-';
    out.append(p, static_cast<std::size_t>(buf + sizeof(buf) - p));
  }
  out += "\n";
  return out;
}

std::string sanitize(std::string_view hint) {
  std::string s;
  for (char c : hint) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) s = "c_" + s;
  return s;
}

template <typename T>
std::string key_of(const char* ctype, std::span<const T> v) {
  std::string k = ctype;
  k += ':';
  k.append(reinterpret_cast<const char*>(v.data()), v.size_bytes());
  return k;
}

}  // namespace

void EmitContext::use_runtime(std::string_view header) { headers_.insert(std::string(header)); }

std::string EmitContext::kernel(std::string_view generic) {
  const KernelVariant* v = find_kernel_variant(isa_, generic);
  if (v == nullptr) return std::string(generic);
  use_runtime(v->header);
  return std::string(v->variant);
}

std::string EmitContext::add_array(std::string_view hint, const char* ctype, std::string_view values_text,
                                   std::size_t bytes, const std::string& key) {
  if (auto it = dedup_.find(key); it != dedup_.end()) return it->second;
  std::string base = sanitize(hint), name = base;
  for (int i = 2; used_names_.count(name); ++i) name = fmt::format("{}_{}", base, i);
  used_names_.insert(name);
  weight_decls_ += fmt::format("alignas(16) extern const {} {}[];\n", ctype, name);
  const std::string section =
      weights_section_.empty() ? "" : fmt::format(" __attribute__((section(\"{}\")))", weights_section_);
  weight_defs_ += fmt::format("alignas(16) const {} {}[]{} = {{{}}};\n", ctype, name, section, values_text);
  weight_bytes_ += bytes;
  std::string expr = "weights::" + name;
  dedup_.emplace(key, expr);
  return expr;
}

std::string EmitContext::const_array(std::string_view hint, std::span<const int8_t> v) {
  return add_array(hint, "int8_t", format_values(v), v.size_bytes(), key_of("int8_t", v));
}
std::string EmitContext::const_array(std::string_view hint, std::span<const int16_t> v) {
  return add_array(hint, "int16_t", format_values(v), v.size_bytes(), key_of("int16_t", v));
}
std::string EmitContext::const_array(std::string_view hint, std::span<const int32_t> v) {
  return add_array(hint, "int32_t", format_values(v), v.size_bytes(), key_of("int32_t", v));
}
std::string EmitContext::const_array(std::string_view hint, std::span<const int64_t> v) {
  return add_array(hint, "int64_t", format_values(v), v.size_bytes(), key_of("int64_t", v));
}
std::string EmitContext::const_array(std::string_view hint, std::span<const uint8_t> v) {
  return add_array(hint, "uint8_t", format_values(v), v.size_bytes(), key_of("uint8_t", v));
}

std::string EmitContext::const_tensor(int tensor_id) {
  if (auto it = tensor_arrays_.find(tensor_id); it != tensor_arrays_.end()) return it->second;
  const Tensor& t = graph_.tensor(tensor_id);
  const std::size_t n = static_cast<std::size_t>(t.num_elements());
  const std::string hint = fmt::format("t{}", tensor_id);
  std::string name;
  switch (t.type) {
    case DType::kInt8: name = const_array(hint, std::span<const int8_t>(t.data_as<int8_t>(), n)); break;
    case DType::kInt16: name = const_array(hint, std::span<const int16_t>(t.data_as<int16_t>(), n)); break;
    case DType::kInt32: name = const_array(hint, std::span<const int32_t>(t.data_as<int32_t>(), n)); break;
    case DType::kInt64: name = const_array(hint, std::span<const int64_t>(t.data_as<int64_t>(), n)); break;
    case DType::kUInt8: case DType::kBool:
      name = const_array(hint, std::span<const uint8_t>(t.data.data(), n));
      break;
    default:
      throw Error(ErrorKind::kUnsupported, fmt::format("constant of type {} cannot be emitted", dtype_name(t.type)))
          .at_tensor(t.id, t.name);
  }
  tensor_arrays_[tensor_id] = name;
  return name;
}

std::string EmitContext::ptr(int tensor_id) {
  const Tensor& t = graph_.tensor(tensor_id);
  if (t.is_const) return const_tensor(tensor_id);
  if (t.arena_offset == kNoOffset)
    throw Error(ErrorKind::kInternal, "tensor has no place in the arena").at_tensor(t.id, t.name);
  // Through void* for float: the same pointer, but analysers (cppcheck's invalidPointerCast) do not take
  // a byte-to-float reinterpret_cast for a representation bug.
  if (t.type == DType::kFloat32)
    return fmt::format("static_cast<float*>(static_cast<void*>({} + {}))", base(t.arena_pool), t.arena_offset);
  return fmt::format("reinterpret_cast<{}*>({} + {})", dtype_ctype(t.type), base(t.arena_pool), t.arena_offset);
}

std::string EmitContext::scratch(const Op& op, std::string_view ctype) {
  if (op.scratch_bytes == 0 || op.scratch_offset == kNoOffset)
    throw Error(ErrorKind::kInternal, "op asked for scratch memory it did not reserve").at_op(op.index, op.type());
  return fmt::format("reinterpret_cast<{}*>({} + {})", ctype, base(op.scratch_pool), op.scratch_offset);
}

std::string EmitContext::base(int pool) const {
  if (graph_.pools.empty() || pool == 0) return "arena";
  return "arena_" + graph_.pools.at(static_cast<std::size_t>(pool)).name;
}

void EmitContext::decl(std::string_view text) {
  decls_ += text;
  if (!text.empty() && text.back() != '\n') decls_ += '\n';
}

void EmitContext::code(std::string_view text) {
  // Indent every line by the op block's depth so the generated file reads well.
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty()) body_ += "    ";
    body_ += line;
    body_ += '\n';
    start = end + 1;
  }
}

void EmitContext::begin_op(const Op& op) { op_ = &op; }

std::string EmitContext::op_prefix() const { return op_ ? fmt::format("op{}", op_->index) : "model"; }

}  // namespace tinyaot
