// tinyaot: pass plan-memory.
// Computes buffer lifetimes, runs every planner we have, keeps the smallest plan and writes it into the
// IR: Tensor::arena_offset (views: their storage's offset plus the view's offset), Op::scratch_offset,
// Graph::arena_size and Graph::arena_bound. Adding a planner = one line in make_planners(). With memory
// pools (Graph::pools, --pool) buffers are first assigned to pools (memory_pools.h), each planned alone.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "passes/memory_planner.h"
#include "passes/overlap_planner.h"
#include "passes/pass.h"

namespace tinyaot {

class PlanMemory : public Pass {
 public:
  std::string_view name() const override { return "plan-memory"; }
  void run(Graph& g, const PassOptions& opts) override;
};

/// A finished plan for a list of buffers.
struct ArenaPlan {
  std::vector<std::size_t> offsets;  ///< one per buffer, in request order
  std::size_t total = 0;             ///< arena bytes, a multiple of the alignment
  std::string planner;               ///< name of the planner that produced it
};

/// Every planner plan-memory tries, in preference order (the first one wins ties).
std::vector<std::unique_ptr<MemoryPlanner>> make_planners(std::size_t alignment);

/// Runs every planner of make_planners() on `buffers`, checks each plan and returns the smallest.
ArenaPlan plan_buffers(const std::vector<BufferRequest>& buffers, std::size_t alignment);

/// Throws Error(kInternal) unless every offset is aligned, every buffer ends inside `plan.total`, and no
/// two buffers with intersecting lifetimes overlap in memory, except pairs an overlap rule allows at
/// their offset (in-place execution). Guards against planner bugs.
void check_plan(const std::vector<BufferRequest>& buffers, const ArenaPlan& plan, std::size_t alignment,
                const std::vector<OverlapRule>& rules = {});

}  // namespace tinyaot
