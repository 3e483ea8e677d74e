// tinyaot: the DSP / Helium variants of runtime kernels, chosen at emit time from `--target`.
// A variant (runtime_min/tinyaot_rt/*_dsp.h, *_mve.h) has the signature of its reference kernel, so an op
// asks for a kernel by its generic name and calls whatever name comes back. The variant headers carry
// portable fallbacks: code emitted for a DSP or Helium core still builds and is bit-exact on any host.
#pragma once

#include <span>
#include <string_view>

#include "targets/cpus.h"

namespace tinyaot {

/// One kernel variant: `generic` (function in namespace tinyaot_rt) is replaced by `variant` on cores of
/// kernel family `isa`; `header` (relative to runtime_min/) declares it and includes what it needs.
struct KernelVariant {
  KernelIsa isa;
  std::string_view generic;
  std::string_view variant;
  std::string_view header;
};

/// Every variant, the one table the compiler chooses from.
std::span<const KernelVariant> kernel_variants();

/// The variant of kernel `generic` for `isa`, or nullptr when the reference kernel is the one to call.
const KernelVariant* find_kernel_variant(KernelIsa isa, std::string_view generic);

}  // namespace tinyaot
