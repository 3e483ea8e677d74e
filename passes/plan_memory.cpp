// tinyaot: pass plan-memory (see plan_memory.h).
#include "passes/plan_memory.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "compiler/support/error.h"
#include "passes/exact_planner.h"
#include "passes/greedy_planner.h"
#include "passes/inplace_plan.h"
#include "passes/lifetimes.h"
#include "passes/memory_pools.h"

namespace tinyaot {

namespace {

/// Tells each op whose output ended up overlapping its input which walk and ring its kernel must use.
void record_inplace(Graph& g, const InplaceResult& r) {
  for (std::size_t k = 0; k < r.candidates.size(); ++k) {
    if (r.choice[k] < 0) continue;
    const InplaceCandidate& c = r.candidates[k];
    Op& op = g.ops[static_cast<std::size_t>(c.step)];
    // The ring is recorded even when unused, so a second run of the pass can take it off the scratch.
    op.inplace_ring = static_cast<int>(std::max<int64_t>(0, r.choice[k]));
    op.inplace_ring_offset = r.layout.base_scratch[static_cast<std::size_t>(c.step)];
    const Tensor& in = g.tensor(c.input);
    const Tensor& out = g.tensor(c.output);
    const auto in_at = static_cast<int64_t>(in.arena_offset), out_at = static_cast<int64_t>(out.arena_offset);
    if (in_at + static_cast<int64_t>(in.bytes()) <= out_at || out_at + static_cast<int64_t>(out.bytes()) <= in_at)
      continue;  // no overlap: the ordinary kernel will do
    const InplaceBounds b = c.unit_bytes > 0 && r.choice[k] == c.zero_ring ? c.zero : c.minimal;
    const int64_t delta = out_at - in_at;
    if (!b.allows(delta))
      throw Error(ErrorKind::kInternal, fmt::format("in-place offset {} is not allowed for this op", delta))
          .at_op(op.index, op.type());
    op.inplace_dir = delta <= b.fwd_max ? 1 : -1;
    op.inplace_input = c.input_index;
  }
}

/// One arena, with in-place execution where it saves memory.
void plan_one_arena(Graph& g, std::size_t alignment) {
  const InplaceResult r = plan_inplace(g, alignment);
  const std::vector<ArenaBuffer>& buffers = r.layout.buffers;
  const ArenaPlan& plan = r.plan;
  for (std::size_t s = 0; s < g.ops.size(); ++s) g.ops[s].scratch_bytes = r.layout.base_scratch[s] + r.layout.ring_bytes[s];
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    if (buffers[i].kind == BufferKind::kScratch)
      g.ops[static_cast<std::size_t>(buffers[i].id)].scratch_offset = plan.offsets[i];
    else
      g.tensor(buffers[i].id).arena_offset = plan.offsets[i];
  }
  for (Tensor& t : g.tensors)  // record_inplace compares the offsets of inputs and outputs, views included
    if (t.alias_of >= 0 && g.storage(t.id).arena_offset != kNoOffset)
      t.arena_offset = g.storage(t.id).arena_offset + offset_in_storage(g, t.id);
  record_inplace(g, r);
  g.arena_size = align_up(plan.total, alignment);
  g.arena_planner = plan.planner;
}

/// Memory pools: buffers assigned to pools (passes/memory_pools.h), each pool planned on its own. No
/// in-place execution: an input and its output could land in different pools.
void plan_pooled(Graph& g, std::size_t alignment) {
  const std::vector<ArenaBuffer> buffers = arena_buffers(g);
  const PoolPlan p = plan_pools(g, buffers, g.pools, alignment);
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    if (buffers[i].kind == BufferKind::kScratch) {
      Op& op = g.ops[static_cast<std::size_t>(buffers[i].id)];
      op.scratch_offset = p.offsets[i];
      op.scratch_pool = p.pool[i];
    } else {
      Tensor& t = g.tensor(buffers[i].id);
      t.arena_offset = p.offsets[i];
      t.arena_pool = p.pool[i];
    }
  }
  std::vector<std::string> won;
  for (std::size_t k = 0; k < g.pools.size(); ++k) {
    g.pools[k].size = p.sizes[k];
    if (!p.planners[k].empty()) won.push_back(fmt::format("{}:{}", g.pools[k].name, p.planners[k]));
  }
  g.arena_size = g.pools[0].size;
  g.arena_planner = fmt::format("{}", fmt::join(won, ","));
}

}  // namespace

std::vector<std::unique_ptr<MemoryPlanner>> make_planners(std::size_t alignment) {
  std::vector<std::unique_ptr<MemoryPlanner>> planners;
  // TFLM's order first, so a tie keeps the plan people can compare with TFLM's.
  for (GreedyPlanner::Order order : GreedyPlanner::all_orders())
    planners.push_back(std::make_unique<GreedyPlanner>(alignment, order));
  // Last: it starts from the best greedy plan, so it wins only when it found a strictly smaller one.
  planners.push_back(std::make_unique<ExactPlanner>(alignment));
  return planners;
}

void check_plan(const std::vector<BufferRequest>& buffers, const ArenaPlan& plan, std::size_t alignment,
                const std::vector<OverlapRule>& rules) {
  auto fail = [&](const std::string& what) {
    throw Error(ErrorKind::kInternal, fmt::format("memory plan of '{}' is wrong: {}", plan.planner, what));
  };
  if (plan.offsets.size() != buffers.size()) fail("not every buffer has an offset");
  if (alignment > 1 && plan.total % alignment != 0) fail(fmt::format("total {} is not aligned", plan.total));
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    const std::size_t a = plan.offsets[i], a_end = a + buffers[i].size;
    if (alignment > 1 && a % alignment != 0) fail(fmt::format("buffer {} at unaligned offset {}", i, a));
    if (a_end > plan.total) fail(fmt::format("buffer {} ends at {}, past the arena of {}", i, a_end, plan.total));
    for (std::size_t j = i + 1; j < buffers.size(); ++j) {
      const std::size_t b = plan.offsets[j], b_end = b + buffers[j].size;
      if (buffers[i].size == 0 || buffers[j].size == 0 || !buffers[i].overlaps_in_time(buffers[j])) continue;
      if (a < b_end && b < a_end &&
          !placement_allowed(rules, static_cast<int>(i), a, buffers[i].size, static_cast<int>(j), b, buffers[j].size))
        fail(fmt::format("buffers {} [{}, {}) and {} [{}, {}) are live together and overlap", i, a, a_end, j, b,
                         b_end));
    }
  }
}

ArenaPlan plan_buffers(const std::vector<BufferRequest>& buffers, std::size_t alignment) {
  ArenaPlan best;
  bool have = false;
  for (const auto& planner : make_planners(alignment)) {
    for (const BufferRequest& b : buffers) planner->add_buffer(b.size, b.first, b.last);
    ArenaPlan p;
    p.planner = std::string(planner->name());
    p.total = align_up(planner->total(), alignment);
    for (std::size_t i = 0; i < buffers.size(); ++i) p.offsets.push_back(planner->offset(static_cast<int>(i)));
    check_plan(buffers, p, alignment);
    if (!have || p.total < best.total) {
      best = std::move(p);
      have = true;
    }
  }
  return best;
}

void PlanMemory::run(Graph& g, const PassOptions& opts) {
  const std::size_t alignment = opts.alignment == 0 ? 1 : opts.alignment;
  // Start from a clean slate so running the pass twice gives the same result: an op's scratch goes back
  // to its own size (without the in-place ring a previous run added).
  for (Op& op : g.ops) {
    if (op.inplace_ring > 0) op.scratch_bytes = op.inplace_ring_offset;
    op.inplace_dir = 0;
    op.inplace_input = -1;
    op.inplace_ring = 0;
    op.inplace_ring_offset = 0;
  }
  std::vector<BufferRequest> plain;  // without rings: the bound is the classic one (no reuse inside an op)
  for (const ArenaBuffer& b : arena_buffers(g)) plain.push_back(b.request);
  for (Tensor& t : g.tensors) t.arena_offset = kNoOffset, t.arena_pool = 0;
  for (Op& op : g.ops) op.scratch_offset = kNoOffset, op.scratch_pool = 0;
  if (g.pools.empty()) {
    plan_one_arena(g, alignment);
  } else {
    plan_pooled(g, alignment);
  }
  // Views get their storage's place, so the emitter reads Tensor::arena_offset for every tensor alike.
  for (Tensor& t : g.tensors) {
    if (t.alias_of < 0) continue;
    const Tensor& s = g.storage(t.id);
    if (s.arena_offset != kNoOffset) t.arena_offset = s.arena_offset + offset_in_storage(g, t.id);
    t.arena_pool = s.arena_pool;
  }
  g.arena_bound = live_bound(plain, alignment);
}

}  // namespace tinyaot
