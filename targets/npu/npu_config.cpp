// tinyaot targets: the table of Ethos-U configurations and the lookups over it.
#include "targets/npu/npu_config.h"

#include <fmt/format.h>

#include <array>

#include "compiler/support/error.h"

namespace tinyaot {
namespace {

// Output-stage cycles per element: U55-32/64/128/256 = 2/1/0.5/0.25 (ADD/SUB 6/3/1.5/0.75), U65-512 half
// of U55-256, U85 0.5 .. 0.03125 across 128 .. 2048 (8-bit output). U65-256 has the U55-256 datapath.
// U85 ADD/SUB keep the U55 ratio of 3 (an assumption: the facts give no separate figure). Depthwise runs
// near 1/8 of peak on U55/U65; U85's wider depthwise path is assumed at 1/4.
// Hand-off configs: U55 embedded systems share SRAM with the CPU (Vela's default for U55); U65/U85 use
// Vela's default system configs with a dedicated SRAM.
// cmd_stream_version 0 is what U55/U65 streams carry; U85 streams' value is not in our facts: unchecked.
constexpr std::array<NpuConfig, 11> kNpus = {{
    {"ethos-u55-32", NpuFamily::kU55, 32, 1, 0, 5, 0, 1, 16, 2.0, 6.0, 0.125, 8,
     "Ethos_U55_High_End_Embedded", "Shared_Sram"},
    {"ethos-u55-64", NpuFamily::kU55, 64, 1, 0, 6, 0, 1, 16, 1.0, 3.0, 0.125, 8,
     "Ethos_U55_High_End_Embedded", "Shared_Sram"},
    {"ethos-u55-128", NpuFamily::kU55, 128, 1, 0, 7, 0, 1, 24, 0.5, 1.5, 0.125, 8,
     "Ethos_U55_High_End_Embedded", "Shared_Sram"},
    {"ethos-u55-256", NpuFamily::kU55, 256, 1, 0, 8, 0, 1, 48, 0.25, 0.75, 0.125, 8,
     "Ethos_U55_High_End_Embedded", "Shared_Sram"},
    {"ethos-u65-256", NpuFamily::kU65, 256, 1, 1, 8, 0, 1, 48, 0.25, 0.75, 0.125, 16,
     "Ethos_U65_High_End", "Dedicated_Sram"},
    {"ethos-u65-512", NpuFamily::kU65, 512, 2, 1, 8, 0, 1, 48, 0.125, 0.375, 0.125, 16,
     "Ethos_U65_High_End", "Dedicated_Sram"},
    {"ethos-u85-128", NpuFamily::kU85, 128, 1, 2, 7, -1, 2, 0, 0.5, 1.5, 0.25, 16,
     "Ethos_U85_SYS_DRAM_Mid", "Dedicated_Sram_384KB"},
    {"ethos-u85-256", NpuFamily::kU85, 256, 1, 2, 8, -1, 2, 0, 0.25, 0.75, 0.25, 16,
     "Ethos_U85_SYS_DRAM_Mid", "Dedicated_Sram_384KB"},
    {"ethos-u85-512", NpuFamily::kU85, 512, 1, 2, 9, -1, 2, 0, 0.125, 0.375, 0.25, 16,
     "Ethos_U85_SYS_DRAM_Mid", "Dedicated_Sram_384KB"},
    {"ethos-u85-1024", NpuFamily::kU85, 1024, 1, 2, 10, -1, 2, 0, 0.0625, 0.1875, 0.25, 16,
     "Ethos_U85_SYS_DRAM_Mid", "Dedicated_Sram_384KB"},
    {"ethos-u85-2048", NpuFamily::kU85, 2048, 1, 2, 11, -1, 2, 0, 0.03125, 0.09375, 0.25, 16,
     "Ethos_U85_SYS_DRAM_Mid", "Dedicated_Sram_384KB"},
}};

}  // namespace

std::span<const NpuConfig> all_npus() { return kNpus; }

const NpuConfig* find_npu(std::string_view name) {
  for (const NpuConfig& n : kNpus)
    if (n.name == name) return &n;
  return nullptr;
}

const NpuConfig& require_npu(std::string_view name) {
  if (const NpuConfig* n = find_npu(name)) return *n;
  throw Error(ErrorKind::kUsage, fmt::format("unknown NPU configuration --npu '{}' (valid: {})", name, npu_names()));
}

std::string npu_names() {
  std::string s;
  for (const NpuConfig& n : kNpus) s += (s.empty() ? "" : ", ") + std::string(n.name);
  return s;
}

std::string_view family_name(NpuFamily f) {
  switch (f) {
    case NpuFamily::kU55: return "U55";
    case NpuFamily::kU65: return "U65";
    case NpuFamily::kU85: return "U85";
  }
  return "?";
}

std::string vela_command(const NpuConfig& npu, const std::string& tflite_path, const std::string& output_dir) {
  return fmt::format("vela {} --accelerator-config {} --config vela.ini --system-config {} --memory-mode {} "
                     "--output-dir {}",
                     tflite_path, npu.name, npu.system_config, npu.memory_mode, output_dir);
}

}  // namespace tinyaot
