// tinyaot: the emitter. Fills templates/ with the graph: the model header (API and I/O facts), the model
// source (parameter constants and invoke()), the weights, and copies of the runtime headers used.
#include "compiler/emit/emitter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "compiler/emit/emit_context.h"
#include "compiler/emit/template.h"
#include "compiler/ops/op_def.h"
#include "compiler/support/embedded.h"
#include "compiler/support/error.h"

namespace tinyaot {

namespace {

const char* element_type(DType t) {
  switch (t) {
    case DType::kInt8: return "ElementType::kInt8";
    case DType::kUInt8: return "ElementType::kUInt8";
    case DType::kInt16: return "ElementType::kInt16";
    case DType::kInt32: return "ElementType::kInt32";
    case DType::kInt64: return "ElementType::kInt64";
    case DType::kFloat32: return "ElementType::kFloat32";
    case DType::kBool: return "ElementType::kBool";
    case DType::kOther: break;
  }
  throw Error(ErrorKind::kUnsupported, "input/output of an unsupported element type");
}

/// A float literal that reads back to exactly `v` ("1.0f", "0.00390625f", "1e-05f").
std::string float_literal(float v) {
  std::string s = fmt::format("{:.9g}", v);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s + "f";
}

/// One TensorInfo initializer line for the header.
std::string tensor_info(const Tensor& t) {
  if (t.shape.size() > 6)
    throw Error(ErrorKind::kUnsupported, "inputs and outputs of rank > 6 are not supported").at_tensor(t.id, t.name);
  std::vector<int32_t> shape(t.shape);
  shape.resize(6, 0);
  // A tensor name is text from the model: escape it so that any byte survives as itself. Octal escapes
  // (always three digits) cannot run into a following character; '?' is escaped so "??/" is no trigraph.
  std::string name;
  for (char c : t.name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\' || c == '?') name += fmt::format("\\{}", c);
    else if (u < 0x20 || u >= 0x7f) name += fmt::format("\\{:03o}", u);
    else name += c;
  }
  return fmt::format("    {{\"{}\", {}, {}, {{{}}}, {}, {}, {}}},\n", name, element_type(t.type), t.shape.size(),
                     fmt::join(shape, ", "), t.bytes(), float_literal(t.quant.s()), t.quant.zp());
}

std::string join_sizes(const Graph& g, const std::vector<int>& ids, bool offsets) {
  std::vector<std::size_t> v;
  for (int id : ids) v.push_back(offsets ? g.tensor(id).arena_offset : g.tensor(id).bytes());
  return fmt::format("{}", fmt::join(v, ", "));
}

std::string upper_case(const std::string& s) {
  std::string u;
  for (char c : s) u += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

/// Template variables of model_pools.*.tpl: the pool facts, the Pools struct, the storage macros (each
/// pool's section and alignment, and NAME_DEFINE_POOLS) and the pool pointers invoke() and reset() use.
void add_pool_vars(const Graph& g, const EmitContext& e, const EmitOptions& opts, TemplateVars& v) {
  std::vector<std::string> names, sizes, capacities, fields, list, storage, vars;
  std::string bases, macros;
  const std::string NAME = upper_case(opts.name);
  for (std::size_t k = 0; k < g.pools.size(); ++k) {
    const MemoryPool& p = g.pools[k];
    const std::string b = e.base(static_cast<int>(k)), attr = fmt::format("{}_POOL_{}_ATTR", NAME, upper_case(p.name));
    names.push_back(fmt::format("\"{}\"", p.name));
    sizes.push_back(std::to_string(p.size));
    capacities.push_back(std::to_string(p.capacity));
    fields.push_back(fmt::format("  void* {};\n", p.name));
    list.push_back("pools." + p.name);
    vars.push_back("VAR##_" + p.name);
    bases += fmt::format("  uint8_t* const {} = static_cast<uint8_t*>(pools.{});\n  (void){};\n", b, p.name, b);
    const std::string section = p.section.empty() ? "" : fmt::format("section(\"{}\"), ", p.section);
    macros += fmt::format("#define {} __attribute__(({}aligned({})))\n", attr, section, opts.alignment);
    // A zero-length array is not standard C++: an empty pool still gets one byte.
    storage.push_back(
        fmt::format("  static unsigned char VAR##_{}[{}] {}; \\\n", p.name, std::max<std::size_t>(p.size, 1), attr));
  }
  macros += fmt::format(
      "/// Defines static storage for every pool, with its attributes, and `static const {0}::Pools VAR` pointing\n"
      "/// at it; at file scope: {1}_DEFINE_POOLS(pools); ... {0}::invoke(pools);\n"
      "#define {1}_DEFINE_POOLS(VAR) \\\n{2}  static const {0}::Pools VAR = {{{3}}}\n",
      opts.name, NAME, fmt::join(storage, ""), fmt::join(vars, ", "));
  std::vector<std::string> input_pools, output_pools;
  for (int id : g.inputs) input_pools.push_back(std::to_string(g.tensor(id).arena_pool));
  for (int id : g.outputs) output_pools.push_back(std::to_string(g.tensor(id).arena_pool));
  v["num_pools"] = std::to_string(g.pools.size());
  v["pool_names"] = fmt::format("{}", fmt::join(names, ", "));
  v["pool_sizes"] = fmt::format("{}", fmt::join(sizes, ", "));
  v["pool_capacities"] = fmt::format("{}", fmt::join(capacities, ", "));
  v["pool_fields"] = fmt::format("{}", fmt::join(fields, ""));
  v["pool_list"] = fmt::format("{}", fmt::join(list, ", "));
  v["pool_bases"] = bases;
  v["pool_macros"] = macros;
  v["input_pools"] = fmt::format("{}", fmt::join(input_pools, ", "));
  v["output_pools"] = fmt::format("{}", fmt::join(output_pools, ", "));
}

}  // namespace

EmittedFiles emit_model(const Graph& g, const EmitOptions& opts) {
  if (g.inputs.empty() || g.outputs.empty())
    throw Error(ErrorKind::kUnsupported, "a model needs at least one input and one output");
  EmitContext e(g);
  e.set_weights_section(opts.weights_section);
  e.set_kernel_isa(opts.kernel_isa);
  EmittedFiles out;
  std::string body;
  for (const Op& op : g.ops) {
    out.macs += op.def->macs(g, op);
    const bool aliased_view = op.def->is_view() && g.tensor(op.outputs[0]).alias_of >= 0;
    std::vector<std::string> outs;
    for (int id : op.outputs) outs.push_back(fmt::format("t{} {}", id, describe(g.tensor(id))));
    if (aliased_view) {
      body += fmt::format("  // op {}: {} -> {} (a view: no code)\n", op.index, op.type(), fmt::join(outs, ", "));
    } else if (op.fused) {
      body += fmt::format("  // op {}: {} -> {} (fused into its consumer: no code)\n", op.index, op.type(),
                          fmt::join(outs, ", "));
    } else if (op.placed) {
      body += fmt::format("  // op {}: {} -> {} (inputs written in place by their producers: no code)\n", op.index,
                          op.type(), fmt::join(outs, ", "));
    } else {
      e.begin_op(op);
      const std::size_t before = e.body().size();
      op.def->emit(e, g, op);
      std::string code = e.body().substr(before);
      body += render_embedded("op_block.tpl", {{"index", std::to_string(op.index)},
                                               {"type", op.type()},
                                               {"outputs", fmt::format("{}", fmt::join(outs, ", "))},
                                               {"code", code}});
    }
    if (opts.trace)
      for (int id : op.outputs)
        body += fmt::format("  ::{}_trace({}, {} + {}, {});\n", opts.name, id, e.base(g.tensor(id).arena_pool),
                            g.tensor(id).arena_offset, g.tensor(id).bytes());
  }
  // Single arena: `arena` is the caller's void*. Pools: every pool has its uint8_t* (EmitContext::base).
  std::string reset_body = g.pools.empty() ? "  (void)arena;\n" : "";
  for (const Tensor& t : g.tensors) {
    if (!t.is_variable) continue;
    const std::string at = g.pools.empty() ? fmt::format("static_cast<uint8_t*>(arena) + {}", t.arena_offset)
                                           : fmt::format("{} + {}", e.base(t.arena_pool), t.arena_offset);
    // Variable tensors start from their constant initial value, or zero as TFLite Micro does.
    if (t.is_const)
      reset_body += fmt::format("  std::memcpy({}, {}, {});\n", at, e.const_tensor(t.id), t.bytes());
    else  // TFLite Micro's ResetVariableTensors: int8 variables hold their zero point, others 0.
      reset_body += fmt::format("  std::memset({}, {}, {});\n", at, t.type == DType::kInt8 ? t.quant.zp() : 0,
                                t.bytes());
  }
  std::string includes;
  if (reset_body.find("std::mem") != std::string::npos) includes += "#include <cstring>\n";
  for (const std::string& h : e.runtime_headers()) {
    includes += fmt::format("#include \"{}\"\n", h);
    out.files[h] = std::string(embedded("runtime_min/" + h));
  }
  // Runtime headers include each other; ship their dependencies too (by scanning their includes).
  for (bool added = true; added;) {
    added = false;
    for (const auto& f : embedded_files()) {
      const std::string_view p = f.path;
      if (p.rfind("runtime_min/", 0) != 0) continue;
      const std::string rel(p.substr(12));
      if (out.files.count(rel)) continue;
      for (const auto& [path, text] : out.files)
        if (text.find("#include \"" + rel + "\"") != std::string::npos) {
          out.files[rel] = std::string(f.contents);
          added = true;
          break;
        }
    }
  }
  out.weight_bytes = e.weight_bytes();
  TemplateVars v = {
      {"version", TINYAOT_VERSION},
      {"model_file", opts.model_file},
      {"name", opts.name},
      {"arena_size", std::to_string(g.arena_size)},
      {"arena_alignment", std::to_string(opts.alignment)},
      {"num_inputs", std::to_string(g.inputs.size())},
      {"num_outputs", std::to_string(g.outputs.size())},
      {"input_bytes", join_sizes(g, g.inputs, false)},
      {"output_bytes", join_sizes(g, g.outputs, false)},
      {"input_offsets", join_sizes(g, g.inputs, true)},
      {"output_offsets", join_sizes(g, g.outputs, true)},
      {"macs", std::to_string(out.macs)},
      {"weight_bytes", std::to_string(out.weight_bytes)},
      {"trace_decl", opts.trace ? fmt::format("\n/// Called after every op for each tensor it produced (--trace); "
                                              "defined by the user.\nvoid {}_trace(int tensor_id, const void* data, "
                                              "std::size_t bytes);\n",
                                              opts.name)
                                : ""},
      {"runtime_includes", includes},
      {"decls", e.decls()},
      {"reset_body", reset_body},
      {"body", body},
      {"weight_decls", e.weight_decls()},
      {"weight_defs", e.weight_defs()},
  };
  std::string input_infos, output_infos;
  for (int id : g.inputs) input_infos += tensor_info(g.tensor(id));
  for (int id : g.outputs) output_infos += tensor_info(g.tensor(id));
  v["input_infos"] = input_infos;
  v["output_infos"] = output_infos;
  v["NAME"] = upper_case(opts.name);
  if (g.pools.empty()) {
    out.files[opts.name + ".h"] = render_embedded("model.h.tpl", v);
    out.files[opts.name + ".cpp"] = render_embedded("model.cpp.tpl", v);
  } else {
    add_pool_vars(g, e, opts, v);
    out.files[opts.name + ".h"] = render_embedded("model_pools.h.tpl", v);
    out.files[opts.name + ".cpp"] = render_embedded("model_pools.cpp.tpl", v);
  }
  out.files[opts.name + "_weights.h"] = render_embedded("weights.h.tpl", v);
  out.files[opts.name + "_weights.cpp"] = render_embedded("weights.cpp.tpl", v);
  if (opts.c_api) {
    out.files[opts.name + "_c_api.h"] = render_embedded("c_api.h.tpl", v);
    out.files[opts.name + "_c_api.cpp"] = render_embedded("c_api.cpp.tpl", v);
  }
  return out;
}

}  // namespace tinyaot
