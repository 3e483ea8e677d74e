// tinyaot: the compile pipeline: the passes of passes/pass_list.h in order, with verification after each.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "passes/pass.h"

namespace tinyaot {

struct PipelineOptions {
  PassOptions pass;
  std::string dump_after;  ///< pass name whose result is printed to stderr ("read" = as read)
};

/// Largest arena run_pipeline accepts (kDoesNotFit beyond): the emitted code holds arena offsets in
/// std::size_t and pointer differences in std::ptrdiff_t, both 32 bits on Cortex-M, so a bigger plan would
/// not even compile for the targets (and no such part has that much RAM).
inline constexpr std::size_t kMaxArenaBytes = std::size_t{1} << 31;

/// Runs all passes on g. Throws Error.
void run_pipeline(Graph& g, const PipelineOptions& opts);

/// Names (and summaries) of all passes, in order, with "read" first.
std::vector<std::pair<std::string, std::string>> pass_names();

}  // namespace tinyaot
