// tinyaot: pass schedule. Chooses the order of independent branches (residual and inception blocks) so
// the arena is smallest. A few list-scheduling rules each give a topological order of the ops (the
// stored order; the other branch first; depth first; the op that frees the most memory first); each
// order is planned (in-place included, without the final refinement) and the smallest arena wins, the
// stored order on a tie. Ops that touch the same variable tensor keep their relative order.
#pragma once

#include <cstddef>
#include <vector>

#include "passes/pass.h"

namespace tinyaot {

class Schedule : public Pass {
 public:
  std::string_view name() const override { return "schedule"; }
  void run(Graph& g, const PassOptions& opts) override;
};

/// Distinct topological orders of g.ops (positions into g.ops) from the scheduling rules, the stored
/// order first.
std::vector<std::vector<std::size_t>> candidate_orders(const Graph& g);

/// Puts g.ops into `order` (positions into the current g.ops).
void reorder_ops(Graph& g, const std::vector<std::size_t>& order);

}  // namespace tinyaot
