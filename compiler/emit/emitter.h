// tinyaot: turns a planned Graph into the files of the output folder.
#pragma once

#include <map>
#include <string>

#include "compiler/ir/graph.h"
#include "targets/cpus.h"

namespace tinyaot {

struct EmitOptions {
  std::string name;        ///< C++ namespace and file stem
  std::string model_file;  ///< file name (no directory) for the banner: output must not depend on paths
  bool trace = false;      ///< call <name>_trace() after every op
  std::size_t alignment = 16;
  bool c_api = false;      ///< also NAME_c_api.h/.cpp: extern "C" wrappers (templates/c_api.*.tpl)
  std::string weights_section;  ///< linker section of the constant arrays (--weights-section); "" = default
  KernelIsa kernel_isa = KernelIsa::kGeneric;  ///< kernel variants of the --target core (kernel_variants.h)
};

/// The generated files: path relative to the output folder -> contents. Deterministic.
struct EmittedFiles {
  std::map<std::string, std::string> files;
  std::size_t weight_bytes = 0;
  int64_t macs = 0;
};

EmittedFiles emit_model(const Graph& g, const EmitOptions& opts);

}  // namespace tinyaot
