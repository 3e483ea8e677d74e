// tinyaot targets: the generator of docs/SUPPORTED_OPS_NPU.md (see npu_doc.h).
#include "targets/npu/npu_doc.h"

#include <fmt/format.h>

#include "targets/npu/npu_cost.h"
#include "targets/npu/npu_rules.h"

namespace tinyaot {

namespace {

std::string checks_text(uint32_t checks) {
  std::string s;
  for (const NpuCheckInfo& c : all_npu_checks())
    if (checks & c.flag) s += (s.empty() ? "" : "; ") + std::string(c.doc);
  return s;
}

}  // namespace

std::string supported_ops_npu_markdown() {
  std::string o =
      "# Operators on the Arm Ethos-U NPU\n\n"
      "Generated from the NPU rules (`targets/npu/npu_rules.cpp`) and configurations (`targets/npu/npu_config.cpp`)\n"
      "by `tinyaot_gen_supported_ops_npu`; a test fails when this file is stale. With `--npu`, the partition pass\n"
      "puts an op on the NPU only when its family runs the operator and every constraint listed holds (the\n"
      "conservative rule set of Vela 5.1, safe for every family), and the cost model finds the run of ops worth a\n"
      "driver round trip. Everything else runs on the CPU with tinyaot's kernels. See docs/ethos-u.md.\n\n"
      "## Configurations\n\n"
      "| `--npu` | family | MACs/cycle | COP1 product, log2 MACs/core | output cycles/element (ADD/SUB) | "
      "bus bytes/cycle | Vela system config | memory mode |\n"
      "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const NpuConfig& n : all_npus())
    o += fmt::format("| `{}` | {} | {} | {}, {} | {} ({}) | {} | `{}` | `{}` |\n", n.name, family_name(n.family), n.macs,
                     n.product, n.macs_per_cc_log2, n.out_cycles_per_elem, n.out_cycles_per_elem_addsub,
                     n.bus_bytes_per_cycle, n.system_config, n.memory_mode);
  int u5x = 0, u85 = 0;
  for (const NpuOpRule& r : all_npu_rules()) {
    u5x += (r.families & kFamU55) != 0;
    u85 += (r.families & kFamU85) != 0;
  }
  o += fmt::format(
      "\nCost model: NPU cycles ~ max(MACs / (peak x utilisation), output elements x output cycles, bytes / bus) + "
      "{} per layer; a run of ops goes to the NPU only when its CPU estimate exceeds its NPU estimate plus {} "
      "cycles for the driver round trip.\n\n",
      kNpuLayerLatency, kDriverRoundTripCycles);
  o += fmt::format("## Operators\n\n{} operators on U55/U65, {} on U85.\n\n", u5x, u85);
  o += "| operator | U55 | U65 | U85 | constraints |\n| --- | --- | --- | --- | --- |\n";
  for (const NpuOpRule& r : all_npu_rules())
    o += fmt::format("| `{}` | {} | {} | {} | {} |\n", r.op, r.families & kFamU55 ? "yes" : "-",
                     r.families & kFamU65 ? "yes" : "-", r.families & kFamU85 ? "yes" : "-", checks_text(r.checks));
  o += "\n## Checks\n\n| check | meaning |\n| --- | --- |\n";
  for (const NpuCheckInfo& c : all_npu_checks()) o += fmt::format("| {} | {} |\n", c.name, c.doc);
  return o;
}

}  // namespace tinyaot
