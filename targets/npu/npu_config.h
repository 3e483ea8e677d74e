// tinyaot targets: the Arm Ethos-U NPU configurations we partition for, as data.
// One row per `--npu` name (ethos-u55-32 .. ethos-u85-2048): what the command-stream header of a Vela
// output must say (product, MACs per cycle per core, command stream version), the numbers of the cost
// model (peak MACs, output-stage cycles per element, bus width) and the Vela configuration we hand off
// with (system config and memory mode from vela.ini). Facts: ../shared/docs/ethos-u.md.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tinyaot {

/// NPU generation; decides the operator set and some constraints.
enum class NpuFamily { kU55, kU65, kU85 };

/// One NPU configuration.
struct NpuConfig {
  std::string_view name;       ///< `--npu` value and Vela's --accelerator-config, "ethos-u55-128"
  NpuFamily family = NpuFamily::kU55;
  int macs = 0;                ///< peak int8 MACs per cycle (all cores)
  int cores = 1;               ///< U65-512 is two 256-MAC cores
  int product = 0;             ///< COP1 header product: 0 = U55, 1 = U65, 2 = U85
  int macs_per_cc_log2 = 0;    ///< COP1 header: log2 of the MACs per cycle of one core
  int cmd_stream_version = 0;  ///< COP1 header: command stream version; -1 = not checked
  int arch_major = 1;          ///< COP1 id word: architecture major revision (U55/U65 1, U85 2)
  int shram_kb = 0;            ///< SHRAM size (informational; 0 = not applicable)
  double out_cycles_per_elem = 0;        ///< output stage, cycles per output element (8-bit)
  double out_cycles_per_elem_addsub = 0; ///< same for ADD/SUB (two inputs through the output stage)
  double depthwise_efficiency = 0;       ///< fraction of peak MACs a depthwise convolution reaches
  int bus_bytes_per_cycle = 8;           ///< AXI bytes per cycle
  std::string_view system_config;        ///< vela.ini [System_Config.*] section we hand off with
  std::string_view memory_mode;          ///< vela.ini [Memory_Mode.*] section
};

/// Every configuration, in documentation order.
std::span<const NpuConfig> all_npus();

/// The configuration called `name`, or nullptr.
const NpuConfig* find_npu(std::string_view name);

/// Like find_npu but throws Error(kUsage) listing the valid names (for `--npu`).
const NpuConfig& require_npu(std::string_view name);

/// Comma-separated list of the valid `--npu` names.
std::string npu_names();

/// "U55", "U65", "U85".
std::string_view family_name(NpuFamily f);

/// The exact Vela command line for one hand-off file: accelerator, vela.ini system config and memory
/// mode, output folder.
std::string vela_command(const NpuConfig& npu, const std::string& tflite_path, const std::string& output_dir);

}  // namespace tinyaot
