// tinyaot: planning with in-place execution (see inplace_plan.h).
#include "passes/inplace_plan.h"

#include <algorithm>
#include <map>

namespace tinyaot {

namespace {

/// Bounds of the candidate for a ring (the two rings the candidate analysed).
InplaceBounds bounds_for(const InplaceCandidate& c, int64_t ring) {
  return c.unit_bytes > 0 && ring == c.zero_ring ? c.zero : c.minimal;
}

/// Shifts data-relative bounds (delta = output - input data) to buffer-relative ones when the input is a
/// view `view_offset` bytes into its storage: delta_buffer = delta_data + view_offset.
InplaceBounds shifted(InplaceBounds b, int64_t view_offset) {
  if (b.fwd_max > -kNoLimit) b.fwd_max += view_offset;
  if (b.rev_min < kNoLimit) b.rev_min += view_offset;
  return b;
}

std::size_t enabled_count(const InplaceChoice& c) {
  return static_cast<std::size_t>(std::count_if(c.begin(), c.end(), [](int64_t r) { return r >= 0; }));
}

}  // namespace

InplaceLayout inplace_layout(const Graph& g, const std::vector<InplaceCandidate>& cands,
                             const InplaceChoice& choice) {
  InplaceLayout l;
  l.base_scratch.assign(g.ops.size(), 0);
  l.ring_bytes.assign(g.ops.size(), 0);
  for (std::size_t s = 0; s < g.ops.size(); ++s) l.base_scratch[s] = g.ops[s].scratch_bytes;
  for (std::size_t i = 0; i < cands.size(); ++i)
    if (choice[i] > 0 && cands[i].unit_bytes > 0)
      l.ring_bytes[static_cast<std::size_t>(cands[i].step)] =
          std::max(l.ring_bytes[static_cast<std::size_t>(cands[i].step)],
                   static_cast<std::size_t>(choice[i] * cands[i].unit_bytes));

  std::map<int, int> buffer_of;  // storage tensor id -> buffer index
  for (const ArenaBuffer& b : arena_buffers(g)) {
    if (b.kind == BufferKind::kScratch) continue;
    buffer_of[b.id] = static_cast<int>(l.buffers.size());
    l.buffers.push_back(b);
  }
  for (std::size_t s = 0; s < g.ops.size(); ++s) {
    const std::size_t bytes = l.base_scratch[s] + l.ring_bytes[s];
    const int step = static_cast<int>(s);
    if (bytes > 0) l.buffers.push_back({BufferKind::kScratch, step, {bytes, step, step}});
  }
  for (const ArenaBuffer& b : l.buffers) l.requests.push_back(b.request);

  for (std::size_t i = 0; i < cands.size(); ++i) {
    if (choice[i] < 0) continue;
    const InplaceCandidate& c = cands[i];
    const auto in = buffer_of.find(g.storage(c.input).id), out = buffer_of.find(c.output);
    if (in == buffer_of.end() || out == buffer_of.end()) continue;
    const auto view_offset = static_cast<int64_t>(offset_in_storage(g, c.input));
    l.rules.push_back({in->second, out->second, shifted(bounds_for(c, choice[i]), view_offset)});
    l.rule_candidate.push_back(static_cast<int>(i));
  }
  return l;
}

ArenaPlan plan_layout(const InplaceLayout& layout, std::size_t alignment) {
  ArenaPlan best;
  bool have = false;
  for (GreedyPlanner::Order order : GreedyPlanner::all_orders()) {
    OverlapPlanner planner(alignment, order);
    for (const BufferRequest& b : layout.requests) planner.add_buffer(b.size, b.first, b.last);
    for (const OverlapRule& r : layout.rules) planner.allow_overlap(r);
    ArenaPlan p;
    p.planner = std::string(planner.name());
    p.total = align_up(planner.total(), alignment);
    for (std::size_t i = 0; i < layout.requests.size(); ++i) p.offsets.push_back(planner.offset(static_cast<int>(i)));
    check_plan(layout.requests, p, alignment, layout.rules);
    if (!have || p.total < best.total) {
      best = std::move(p);
      have = true;
    }
  }
  return best;
}

InplaceResult plan_inplace(const Graph& g, std::size_t alignment, bool enable, bool refine) {
  InplaceResult r;
  if (enable) r.candidates = inplace_candidates(g);
  const std::size_t n = r.candidates.size();
  bool have = false;
  auto consider = [&](const InplaceChoice& choice) {
    InplaceLayout layout = inplace_layout(g, r.candidates, choice);
    ArenaPlan plan = layout.rules.empty() ? plan_buffers(layout.requests, alignment) : plan_layout(layout, alignment);
    const bool better = !have || plan.total < r.plan.total ||
                        (plan.total == r.plan.total && enabled_count(choice) < enabled_count(r.choice));
    if (better) {
      have = true;
      r.choice = choice;
      r.layout = std::move(layout);
      r.plan = std::move(plan);
    }
    return better;
  };

  // Global strategies: nothing in place; smallest rings; zero-offset rings (where the cap allows one).
  InplaceChoice none(n, -1), smallest(n, -1), zero(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    const InplaceCandidate& c = r.candidates[i];
    smallest[i] = c.unit_bytes > 0 ? 1 : 0;
    zero[i] = c.unit_bytes > 0 ? std::max<int64_t>(1, c.zero_ring) : 0;
  }
  consider(none);
  if (n == 0) return r;
  consider(smallest);
  if (zero != smallest) consider(zero);

  // Drop the candidates that do not pay for themselves, last op first (later layers are usually small).
  for (std::size_t k = refine ? n : 0; k-- > 0;) {
    if (r.choice[k] < 0) continue;
    InplaceChoice fewer = r.choice;
    fewer[k] = -1;
    consider(fewer);
  }
  return r;
}

}  // namespace tinyaot
