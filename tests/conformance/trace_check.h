// tinyaot conformance: layer-by-layer diagnosis of a mismatch with --trace and intermediates_1.bin.
#pragma once

#include <filesystem>
#include <string>

#include "compiler/driver/driver.h"
#include "golden_data.h"

namespace tinyaot::conformance {

/// Recompiles the model with trace = true into work/out_trace, builds the traced harness, runs seed 1
/// and compares every traced tensor (in execution order) with the golden intermediates. Returns a
/// readable paragraph naming the first tensor that diverges (index, name, producing op, mismatch
/// summary), or why no diagnosis was possible (no intermediates for this case, build failure, ...).
std::string first_divergence(const GoldenCase& c, const Manifest& m, const std::filesystem::path& work,
                             CompileOptions opts);

}  // namespace tinyaot::conformance
