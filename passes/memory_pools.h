// tinyaot: assigning buffers to memory pools (--pool), used by plan-memory when the graph has pools.
// Policy (docs/memory.md): buffers are ranked hottest first, where heat is the number of ops that read or
// write the buffer per byte (ties: smaller, then earlier first use, then buffer order); in that order each
// goes to the first pool, in command-line order, whose plan still fits its capacity with it (checked with
// the greedy-size planner). Each pool is then planned on its own with every planner, which can only
// shrink it. Deterministic: no input but the graph and the pools.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "passes/lifetimes.h"

namespace tinyaot {

/// Where every buffer went and how big each pool's plan is.
struct PoolPlan {
  std::vector<int> pool;              ///< per buffer: index into the pools
  std::vector<std::size_t> offsets;   ///< per buffer: offset inside its pool
  std::vector<std::size_t> sizes;     ///< per pool: bytes used, a multiple of the alignment
  std::vector<std::string> planners;  ///< per pool: the planner that won ("" for an empty pool)
};

/// Number of ops that read or write each buffer (a scratch buffer: 1).
std::vector<std::size_t> buffer_uses(const Graph& g, const std::vector<ArenaBuffer>& buffers);

/// Assigns `buffers` (arena_buffers(g)) to `pools` and plans each pool. Throws Error(kDoesNotFit) naming
/// the first buffer (tensor, or op for a scratch buffer) that fits in no pool and the bytes missing.
PoolPlan plan_pools(const Graph& g, const std::vector<ArenaBuffer>& buffers, const std::vector<MemoryPool>& pools,
                    std::size_t alignment);

}  // namespace tinyaot
