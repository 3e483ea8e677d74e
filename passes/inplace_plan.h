// tinyaot: planning the arena with in-place execution (used by plan-memory).
// Every candidate (inplace_candidates.h) can be left out, run with a ring of one pixel (small scratch,
// but the output must sit clear of a band around the input) or with the ring that makes an exactly
// shared place legal. A few global strategies (none / smallest rings / zero-offset rings) are planned
// with every greedy order; the smallest arena wins, ties going to fewer in-place ops. Then candidates
// that do not lower the arena are dropped one by one, so only the ops that matter use the staged
// kernels (the others keep their fast, target-specific ones).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"
#include "passes/inplace_candidates.h"
#include "passes/lifetimes.h"
#include "passes/overlap_planner.h"
#include "passes/plan_memory.h"

namespace tinyaot {

/// One way of running the candidates: per candidate the ring (in units), or -1 when it does not run in
/// place. Element-wise candidates use ring 0 when enabled.
using InplaceChoice = std::vector<int64_t>;

/// The buffers and overlap rules of `g` for one choice. Scratch buffers are the ops' own scratch plus
/// their ring, which starts at byte `base_scratch[step]` of it.
struct InplaceLayout {
  std::vector<ArenaBuffer> buffers;
  std::vector<BufferRequest> requests;  ///< buffers[i].request, for the planners
  std::vector<OverlapRule> rules;       ///< one per enabled candidate, between buffer indices
  std::vector<int> rule_candidate;      ///< for each rule, its candidate index
  std::vector<std::size_t> base_scratch;  ///< per op: its scratch before any ring
  std::vector<std::size_t> ring_bytes;    ///< per op: bytes of its ring (0: none)
};

InplaceLayout inplace_layout(const Graph& g, const std::vector<InplaceCandidate>& cands,
                             const InplaceChoice& choice);

/// Runs every OverlapPlanner order on the layout, checks each plan and returns the smallest.
ArenaPlan plan_layout(const InplaceLayout& layout, std::size_t alignment);

/// The chosen layout, plan and choice for `g`.
struct InplaceResult {
  std::vector<InplaceCandidate> candidates;
  InplaceChoice choice;
  InplaceLayout layout;
  ArenaPlan plan;
};

/// Plans `g` (its ops' scratch_bytes must be the ops' own, without rings) trying in-place execution.
/// `enable` false: plans without it (every candidate -1). `refine` false: skips dropping candidates one
/// by one (a quicker estimate, for the scheduler).
InplaceResult plan_inplace(const Graph& g, std::size_t alignment, bool enable = true, bool refine = true);

}  // namespace tinyaot
