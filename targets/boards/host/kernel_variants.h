// tinyaot board tools (host side): switch an emitted model to the DSP or Helium kernel variants.
// The variants (runtime_min/tinyaot_rt/*_dsp.h, *_mve.h) have the signatures of the reference kernels,
// so choosing one only renames the call and adds its header. Until the emitter does that itself for
// `--target`, the tests and the benchmark apply it to the emitted sources with this function; once the
// emitter does, there is nothing left to rename and this is a no-op.
#pragma once

#include <filesystem>
#include <string>

#include "targets/cpus.h"

namespace tinyaot::boards {

/// The kernel functions that have a variant for `isa`, as "generic -> variant (header)" lines.
std::string kernel_variant_list(KernelIsa isa);

/// Rewrites `<model_dir>/<name>.cpp` to call the variants for `isa` and copies their headers (with the
/// headers they include) from `runtime_dir` (runtime_min/). Returns the number of calls renamed.
int apply_kernel_variants(const std::filesystem::path& model_dir, const std::string& name, KernelIsa isa,
                          const std::filesystem::path& runtime_dir);

}  // namespace tinyaot::boards
