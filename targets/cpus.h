// tinyaot targets: the Cortex-M cores we generate code for, as data.
// One row per core: architecture features that decide kernel variants (DSP SIMD, Helium MVE, FPU), the
// arm-none-eabi-gcc flags that select the core, and the memory sizes of typical parts (for budgets and docs).
// `--target` names are the core names ("cortex-m4"); "generic" is portable C++ for any host.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace tinyaot {

/// Floating-point unit of a core (the generated code is integer-only; this decides -mfpu/-mfloat-abi).
enum class Fpu { kNone, kSp, kDp };

/// Which family of runtime kernels fits a core best.
enum class KernelIsa {
  kGeneric,  ///< portable C++ (reference kernels)
  kDsp,      ///< Armv7E-M/Armv8-M DSP extension: SMLAD, SXTB16, QADD8 (M4, M7, M33)
  kMve,      ///< Armv8.1-M Helium (MVE): 128-bit vectors with tail predication (M55, M85)
};

/// One CPU target.
struct CpuInfo {
  std::string_view name;        ///< --target value, e.g. "cortex-m4"
  std::string_view arch;        ///< "armv7e-m", "armv8.1-m.main", ... ("" for generic)
  bool dsp = false;             ///< DSP extension (__ARM_FEATURE_DSP)
  bool mve = false;             ///< integer Helium (__ARM_FEATURE_MVE & 1)
  bool mve_float = false;       ///< floating-point Helium (__ARM_FEATURE_MVE & 2)
  Fpu fpu = Fpu::kNone;
  bool stack_limit = false;     ///< MSPLIM/PSPLIM (Armv8-M): stack overflow faults instead of corrupting
  std::string_view gcc_flags;   ///< arm-none-eabi-gcc core selection (without -O, -f options)
  std::size_t typical_flash = 0;  ///< bytes of on-chip flash of a typical part
  std::size_t typical_ram = 0;    ///< bytes of on-chip SRAM of a typical part
  std::string_view note;        ///< one line for docs
};

/// Every known target, "generic" first, then by core name.
std::span<const CpuInfo> all_cpus();

/// The target called `name` (case-sensitive; "m4" and "cortex-m4" both accepted), or nullptr.
const CpuInfo* find_cpu(std::string_view name);

/// Like find_cpu but throws Error(kUsage) listing the valid names. Use this for `--target`.
const CpuInfo& require_cpu(std::string_view name);

/// The kernel family for a core: MVE beats DSP beats generic.
KernelIsa kernel_isa(const CpuInfo& cpu);

/// Kernel family of a `--target` value (throws Error(kUsage) for unknown names).
KernelIsa kernel_isa(std::string_view target);

/// "generic", "dsp" or "mve".
std::string_view kernel_isa_name(KernelIsa isa);

/// Comma-separated list of the valid target names (for messages and --help).
std::string cpu_names();

}  // namespace tinyaot
