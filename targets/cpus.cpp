// tinyaot targets: the table of Cortex-M cores and the few lookups over it.
#include "targets/cpus.h"

#include <array>

#include "compiler/support/error.h"

namespace tinyaot {
namespace {

constexpr std::size_t KiB = 1024;
constexpr std::size_t MiB = 1024 * KiB;

// Typical memories are those of common parts (e.g. M0+: RP2040-class / STM32G0; M4: STM32F4;
// M7: STM32H7/i.MX RT; M33: STM32U5/nRF5340; M55: Alif Ensemble/Corstone-300; M85: Renesas RA8).
// gcc 12 knows no -mcpu=cortex-m85, so that row selects the architecture with its extensions.
constexpr std::array<CpuInfo, 8> kCpus = {{
    {"generic", "", false, false, false, Fpu::kNone, false, "", 0, 0,
     "portable C++17, reference kernels; any host or core"},
    {"cortex-m0plus", "armv6-m", false, false, false, Fpu::kNone, false,
     "-mcpu=cortex-m0plus -mthumb -mfloat-abi=soft", 256 * KiB, 32 * KiB,
     "Armv6-M: no DSP, no FPU, 32x32 multiply only"},
    {"cortex-m3", "armv7-m", false, false, false, Fpu::kNone, false,
     "-mcpu=cortex-m3 -mthumb -mfloat-abi=soft", 512 * KiB, 64 * KiB,
     "Armv7-M: hardware divide, no DSP, no FPU"},
    {"cortex-m4", "armv7e-m", true, false, false, Fpu::kSp, false,
     "-mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard", 1 * MiB, 192 * KiB,
     "Armv7E-M: DSP (SMLAD dual 16-bit MAC), FPv4-SP; QEMU board mps2-an386"},
    {"cortex-m7", "armv7e-m", true, false, false, Fpu::kDp, false,
     "-mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard", 2 * MiB, 512 * KiB,
     "Armv7E-M dual-issue: DSP, FPv5-DP, caches/TCM; QEMU board mps2-an500"},
    {"cortex-m33", "armv8-m.main", true, false, false, Fpu::kSp, true,
     "-mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard", 1 * MiB, 256 * KiB,
     "Armv8-M Mainline: DSP, FPv5-SP, TrustZone, stack limit; QEMU board mps2-an505"},
    {"cortex-m55", "armv8.1-m.main", true, true, true, Fpu::kDp, true,
     "-mcpu=cortex-m55 -mthumb -mfloat-abi=hard", 2 * MiB, 512 * KiB,
     "Armv8.1-M: Helium MVE-I/F, DSP, FPv5-DP; QEMU board mps3-an547 (Corstone-300)"},
    {"cortex-m85", "armv8.1-m.main", true, true, true, Fpu::kDp, true,
     "-march=armv8.1-m.main+mve.fp+fp.dp -mthumb -mfloat-abi=hard", 2 * MiB, 1 * MiB,
     "Armv8.1-M high end: Helium MVE-I/F, DSP, FPv5-DP; no QEMU board (Corstone-310 FVP)"},
}};

}  // namespace

std::span<const CpuInfo> all_cpus() { return kCpus; }

const CpuInfo* find_cpu(std::string_view name) {
  for (const CpuInfo& c : kCpus) {
    if (c.name == name) return &c;
    // Short form "m4" for "cortex-m4".
    if (c.name.starts_with("cortex-") && c.name.substr(7) == name) return &c;
  }
  return nullptr;
}

const CpuInfo& require_cpu(std::string_view name) {
  if (const CpuInfo* c = find_cpu(name)) return *c;
  throw Error(ErrorKind::kUsage,
              "unknown --target '" + std::string(name) + "' (valid: " + cpu_names() + ")");
}

KernelIsa kernel_isa(const CpuInfo& cpu) {
  if (cpu.mve) return KernelIsa::kMve;
  if (cpu.dsp) return KernelIsa::kDsp;
  return KernelIsa::kGeneric;
}

KernelIsa kernel_isa(std::string_view target) { return kernel_isa(require_cpu(target)); }

std::string_view kernel_isa_name(KernelIsa isa) {
  switch (isa) {
    case KernelIsa::kDsp: return "dsp";
    case KernelIsa::kMve: return "mve";
    case KernelIsa::kGeneric: break;
  }
  return "generic";
}

std::string cpu_names() {
  std::string s;
  for (const CpuInfo& c : kCpus) {
    if (!s.empty()) s += ", ";
    s += c.name;
  }
  return s;
}

}  // namespace tinyaot
