// tinyaot Ethos-U: the code an `ethos-u` op adds to invoke(): the command stream and read-only data as
// 16-byte aligned constants (EmitContext places every constant array alignas(16)), the base addresses in
// the driver's order, and one call of the glue in runtime_min/tinyaot_rt/ethosu.h.
#include <fmt/format.h>

#include "compiler/emit/emit_context.h"
#include "compiler/ethosu/ethosu_op.h"
#include "compiler/support/error.h"

namespace tinyaot::ethosu {

namespace {

const char* const kRegionNames[] = {"read-only data", "scratch", "scratch_fast"};

std::string region_name(std::size_t k, const Graph& g, int id) {
  if (k < 3) return kRegionNames[k];
  return fmt::format("t{} '{}'", id, g.tensor(id).name);
}

}  // namespace

void emit_ethosu(EmitContext& e, const Graph& g, const Op& op) {
  const auto& a = op.attrs_as<EthosUAttrs>();
  e.use_runtime("tinyaot_rt/ethosu.h");
  const Tensor& cms = g.tensor(a.command_stream);
  const std::string cms_array = e.const_array(e.op_prefix() + "_command_stream", std::span<const uint8_t>(cms.data));

  const std::vector<int> ids = base_address_tensors(op);
  std::vector<std::string> addrs, sizes;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const int id = ids[k];
    std::string where;
    std::size_t bytes = 0;
    if (id == -2) {  // scratch_fast without an offline offset: the op's own scratch
      if (op.scratch_offset == kNoOffset) throw Error(ErrorKind::kInternal, "scratch_fast was not placed").at_op(op.index, kEthosUCode);
      where = fmt::format("arena + {}", op.scratch_offset);
      bytes = op.scratch_bytes;
    } else if (id < 0) {
      where = "nullptr";
    } else if (g.tensor(id).is_const) {
      const Tensor& t = g.tensor(id);
      where = e.const_array(e.op_prefix() + "_read_only", std::span<const uint8_t>(t.data));
      bytes = t.bytes();
    } else {
      const Tensor& t = g.tensor(id);
      if (t.arena_offset == kNoOffset)
        throw Error(ErrorKind::kInternal, "NPU tensor has no place in the arena").at_tensor(t.id, t.name);
      if (t.arena_offset % 16 != 0)
        throw Error(ErrorKind::kUnsupported,
                    fmt::format("the NPU needs 16-byte aligned base addresses; this tensor is at arena offset {} "
                                "(its OfflineMemoryAllocation offset is not a multiple of 16)",
                                t.arena_offset))
            .at_op(op.index, kEthosUCode)
            .at_tensor(t.id, t.name);
      where = fmt::format("arena + {}", t.arena_offset);
      bytes = t.bytes();
    }
    addrs.push_back(fmt::format("    tinyaot_rt::ethosu_address({}),  // region {}: {}\n", where, k, region_name(k, g, id)));
    sizes.push_back(std::to_string(bytes));
  }
  const std::size_t n = ids.size();
  std::string code = fmt::format("std::uint64_t base[{}] = {{\n", n);
  for (const std::string& s : addrs) code += s;
  code += "};\n";
  code += fmt::format("static constexpr std::size_t kBaseSizes[{}] = {{{}}};\n", n, fmt::join(sizes, ", "));
  code += fmt::format(
      "// Vela command stream for {}; invoke() fails with {} when the driver reports an error.\n"
      "if (tinyaot_rt::ethosu_run({}, {}, base, kBaseSizes, {}, arena, kArenaSize) != 0) return {};\n",
      header_config_name(op.prepared_as<EthosUPrepared>().header), kInvokeNpuFailed, cms_array, cms.bytes(), n,
      kInvokeNpuFailed);
  e.code(code);
}

}  // namespace tinyaot::ethosu
