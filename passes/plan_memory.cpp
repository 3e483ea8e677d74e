// tinyaot: pass plan-memory (see plan_memory.h).
#include "passes/plan_memory.h"

#include <fmt/format.h>

#include "compiler/support/error.h"
#include "passes/greedy_planner.h"
#include "passes/lifetimes.h"

namespace tinyaot {

std::vector<std::unique_ptr<MemoryPlanner>> make_planners(std::size_t alignment) {
  std::vector<std::unique_ptr<MemoryPlanner>> planners;
  // TFLM's order first, so a tie keeps the plan people can compare with TFLM's.
  for (GreedyPlanner::Order order : GreedyPlanner::all_orders())
    planners.push_back(std::make_unique<GreedyPlanner>(alignment, order));
  return planners;
}

void check_plan(const std::vector<BufferRequest>& buffers, const ArenaPlan& plan, std::size_t alignment) {
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
      if (a < b_end && b < a_end)
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
  const std::vector<ArenaBuffer> buffers = arena_buffers(g);
  std::vector<BufferRequest> requests;
  for (const ArenaBuffer& b : buffers) requests.push_back(b.request);
  const ArenaPlan plan = plan_buffers(requests, alignment);

  // Start from a clean slate so running the pass twice gives the same result.
  for (Tensor& t : g.tensors) t.arena_offset = kNoOffset;
  for (Op& op : g.ops) op.scratch_offset = kNoOffset;
  for (std::size_t i = 0; i < buffers.size(); ++i) {
    if (buffers[i].kind == BufferKind::kScratch)
      g.ops[static_cast<std::size_t>(buffers[i].id)].scratch_offset = plan.offsets[i];
    else
      g.tensor(buffers[i].id).arena_offset = plan.offsets[i];
  }
  // Views get their storage's offset, so the emitter reads Tensor::arena_offset for every tensor alike.
  for (Tensor& t : g.tensors) {
    if (t.alias_of < 0) continue;
    const Tensor& s = g.storage(t.id);
    if (s.arena_offset != kNoOffset) t.arena_offset = s.arena_offset + offset_in_storage(g, t.id);
  }
  g.arena_size = align_up(plan.total, alignment);
  g.arena_bound = live_bound(requests, alignment);
}

}  // namespace tinyaot
