// tinyaot: assigning buffers to memory pools (see memory_pools.h).
#include "passes/memory_pools.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "compiler/support/error.h"
#include "passes/greedy_planner.h"
#include "passes/plan_memory.h"

namespace tinyaot {

namespace {

/// Arena bytes greedy-size needs for these buffers: the quick fit test while pools fill up.
std::size_t greedy_total(const std::vector<BufferRequest>& requests, std::size_t alignment) {
  GreedyPlanner p(alignment, GreedyPlanner::Order::kSizeDescending);
  for (const BufferRequest& r : requests) p.add_buffer(r.size, r.first, r.last);
  return align_up(p.total(), alignment);
}

Error does_not_fit(const Graph& g, const ArenaBuffer& b, const std::vector<MemoryPool>& pools, std::size_t pool,
                   std::size_t need) {
  const MemoryPool& p = pools[pool];
  Error e(ErrorKind::kDoesNotFit,
          fmt::format("{} bytes fit in no memory pool: pool '{}' would need {} bytes with them but holds {}; {} "
                      "bytes missing",
                      b.request.size, p.name, need, p.capacity, need - p.capacity));
  if (b.kind == BufferKind::kScratch) {
    const Op& op = g.ops[static_cast<std::size_t>(b.id)];
    return e.at_op(op.index, op.type());
  }
  return e.at_tensor(b.id, g.tensor(b.id).name);
}

}  // namespace

std::vector<std::size_t> buffer_uses(const Graph& g, const std::vector<ArenaBuffer>& buffers) {
  std::map<int, std::size_t> of_storage;  // storage tensor id -> ops touching it
  for (const Op& op : g.ops) {
    std::vector<int> ids;
    for (int id : op.inputs)
      if (id >= 0 && !g.tensor(id).is_const) ids.push_back(g.storage(id).id);
    for (int id : op.outputs)
      if (id >= 0) ids.push_back(g.storage(id).id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (int id : ids) ++of_storage[id];
  }
  std::vector<std::size_t> uses;
  for (const ArenaBuffer& b : buffers) uses.push_back(b.kind == BufferKind::kScratch ? 1 : of_storage[b.id]);
  return uses;
}

PoolPlan plan_pools(const Graph& g, const std::vector<ArenaBuffer>& buffers, const std::vector<MemoryPool>& pools,
                    std::size_t alignment) {
  const std::size_t n = buffers.size();
  const std::vector<std::size_t> uses = buffer_uses(g, buffers);
  std::vector<std::size_t> size(n);
  for (std::size_t i = 0; i < n; ++i) size[i] = align_up(buffers[i].request.size, alignment);
  // Hottest first: uses per byte, compared by cross-multiplying so no rounding decides anything.
  std::vector<std::size_t> rank(n);
  std::iota(rank.begin(), rank.end(), std::size_t{0});
  std::stable_sort(rank.begin(), rank.end(), [&](std::size_t a, std::size_t b) {
    const std::size_t heat_a = uses[a] * size[b], heat_b = uses[b] * size[a];
    if (heat_a != heat_b) return heat_a > heat_b;
    if (size[a] != size[b]) return size[a] < size[b];
    return buffers[a].request.first < buffers[b].request.first;
  });

  PoolPlan plan;
  plan.pool.assign(n, -1);
  plan.offsets.assign(n, 0);
  std::vector<std::vector<std::size_t>> members(pools.size());
  std::vector<std::vector<BufferRequest>> requests(pools.size());
  for (std::size_t b : rank) {
    std::size_t closest = 0, closest_need = 0, closest_missing = 0;
    for (std::size_t k = 0; k < pools.size() && plan.pool[b] < 0; ++k) {
      requests[k].push_back(buffers[b].request);
      const std::size_t need = greedy_total(requests[k], alignment);
      if (need <= pools[k].capacity) {
        plan.pool[b] = static_cast<int>(k);
        members[k].push_back(b);
        break;
      }
      requests[k].pop_back();
      if (k == 0 || need - pools[k].capacity < closest_missing)
        closest = k, closest_need = need, closest_missing = need - pools[k].capacity;
    }
    if (plan.pool[b] < 0) throw does_not_fit(g, buffers[b], pools, closest, closest_need);
  }
  // Each pool with every planner: never bigger than the greedy-size plan that passed the fit test.
  for (std::size_t k = 0; k < pools.size(); ++k) {
    const ArenaPlan p = plan_buffers(requests[k], alignment);
    for (std::size_t m = 0; m < members[k].size(); ++m) plan.offsets[members[k][m]] = p.offsets[m];
    plan.sizes.push_back(align_up(p.total, alignment));
    plan.planners.push_back(members[k].empty() ? "" : p.planner);
    if (plan.sizes.back() > pools[k].capacity)
      throw Error(ErrorKind::kInternal, fmt::format("pool '{}' planned larger than its fit test", pools[k].name));
  }
  return plan;
}

}  // namespace tinyaot
