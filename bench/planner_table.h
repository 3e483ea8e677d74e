// tinyaot: the arena benchmark's planner table (--planners): every planner of make_planners() on the
// plain buffers (no in-place execution) of each model, so the planners compare on equal terms.
#pragma once

#include <string>
#include <vector>

/// Prints, for each model file, the bound, every planner's arena, the winner and whether the exact
/// planner proved its plan optimal. `names` label the rows.
void print_planner_table(const std::vector<std::string>& names, const std::vector<std::string>& model_paths);
