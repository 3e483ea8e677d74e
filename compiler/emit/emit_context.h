// tinyaot: what an op's emit() writes into.
// The emitter owns the generated files; ops add constants (placed in NAME_weights.cpp, 16-byte aligned,
// in flash), file-scope declarations and code lines of invoke(), and name the runtime headers they need
// (copied into the output folder). Pointers into the caller's arena come from the memory plan.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/graph.h"
#include "targets/cpus.h"

namespace tinyaot {

class EmitContext {
 public:
  explicit EmitContext(const Graph& g) : graph_(g) {}

  /// Makes runtime_min/<header> (e.g. "tinyaot_rt/conv2d.h") part of the output and includes it.
  void use_runtime(std::string_view header);

  /// Kernel family of the `--target` core; decides kernel() (default: the reference kernels).
  void set_kernel_isa(KernelIsa isa) { isa_ = isa; }
  KernelIsa kernel_isa() const { return isa_; }

  /// Name of the runtime function to call for kernel `generic` (e.g. "conv2d_s8", without the
  /// tinyaot_rt:: prefix): its DSP/Helium variant when the target has one (whose header is then
  /// registered with use_runtime), else `generic` itself. The caller registers the generic header.
  std::string kernel(std::string_view generic);

  /// Adds a constant array to the weights file; returns the C++ expression naming it (typed pointer
  /// usable in invoke()). Identical contents are shared. `hint` becomes part of the identifier.
  std::string const_array(std::string_view hint, std::span<const int8_t> v);
  std::string const_array(std::string_view hint, std::span<const int16_t> v);
  std::string const_array(std::string_view hint, std::span<const int32_t> v);
  std::string const_array(std::string_view hint, std::span<const int64_t> v);
  std::string const_array(std::string_view hint, std::span<const uint8_t> v);
  /// The constant tensor's data as an array of its own type.
  std::string const_tensor(int tensor_id);

  /// Typed pointer expression to a tensor's data: a constant array or a place in the arena
  /// ("reinterpret_cast<int8_t*>(arena + 4096)"). Constants give pointers to const.
  std::string ptr(int tensor_id);
  /// Typed pointer expression to the op's scratch buffer.
  std::string scratch(const Op& op, std::string_view ctype);
  /// The `uint8_t*` variable of invoke() holding the start of memory pool `pool`: "arena" for the only
  /// arena and for the first pool, "arena_NAME" for pool NAME (--pool).
  std::string base(int pool) const;

  /// Puts every constant array in this linker section (--weights-section); "" = the default.
  void set_weights_section(std::string section) { weights_section_ = std::move(section); }

  /// Adds a file-scope declaration (e.g. a constexpr parameter struct) to the model .cpp.
  void decl(std::string_view text);
  /// Appends code to invoke() for the current op.
  void code(std::string_view text);

  /// A unique, deterministic identifier prefix for the current op ("op3").
  std::string op_prefix() const;
  void begin_op(const Op& op);

  const Graph& graph() const { return graph_; }

  // For the emitter.
  const std::set<std::string>& runtime_headers() const { return headers_; }
  const std::string& decls() const { return decls_; }
  const std::string& body() const { return body_; }
  const std::string& weight_defs() const { return weight_defs_; }
  const std::string& weight_decls() const { return weight_decls_; }
  std::size_t weight_bytes() const { return weight_bytes_; }

 private:
  std::string add_array(std::string_view hint, const char* ctype, std::string_view values_text,
                        std::size_t bytes, const std::string& key);
  const Graph& graph_;
  const Op* op_ = nullptr;
  std::set<std::string> headers_;
  std::string decls_, body_, weight_defs_, weight_decls_;
  std::map<std::string, std::string> dedup_;  // (type + contents) -> name
  std::map<int, std::string> tensor_arrays_;
  std::set<std::string> used_names_;
  std::size_t weight_bytes_ = 0;
  std::string weights_section_;
  KernelIsa isa_ = KernelIsa::kGeneric;
};

}  // namespace tinyaot
