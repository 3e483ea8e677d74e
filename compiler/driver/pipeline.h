// tinyaot: the compile pipeline: the passes of passes/pass_list.h in order, with verification after each.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "passes/pass.h"

namespace tinyaot {

struct PipelineOptions {
  PassOptions pass;
  std::string dump_after;  ///< pass name whose result is printed to stderr ("read" = as read)
};

/// Runs all passes on g. Throws Error.
void run_pipeline(Graph& g, const PipelineOptions& opts);

/// Names (and summaries) of all passes, in order, with "read" first.
std::vector<std::pair<std::string, std::string>> pass_names();

}  // namespace tinyaot
