// tinyaot: the exact memory planner (see exact_planner.h).
#include "passes/exact_planner.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/support/error.h"
#include "passes/greedy_planner.h"

namespace tinyaot {

/// The state of one search. Steps are compressed to the distinct first steps: the buffers live at any
/// step are a subset of those live at the last first step before it, so only those steps can bind.
struct ExactPlanner::Search {
  std::vector<std::size_t> size;    // per item (non-empty buffer), aligned
  std::vector<int> first, last;     // per item, compressed steps
  std::vector<std::size_t> top;     // per step: the highest end of the placed items live there
  std::vector<std::size_t> rest;    // per step: sizes of the items not placed yet live there
  std::vector<char> placed;
  std::vector<std::size_t> off, best_off;
  std::vector<std::size_t> undo;    // old top values, restored on the way back
  std::size_t best = 0;
  std::uint64_t work = 0, budget = 0;
  bool aborted = false;

  struct Child {
    std::size_t at;
    std::size_t item;
  };

  /// Places items in increasing offset order; `level` is the offset of the last one placed (`prev`,
  /// -1 at the root). Items at the same offset never conflict, so they are taken in index order only.
  void dfs(std::size_t depth, std::size_t level, long long prev, std::size_t current) {
    const std::size_t n = size.size();
    if (depth == n) {
      if (current < best) best = current, best_off = off;
      return;
    }
    work += top.size();
    if (work > budget) {
      aborted = true;
      return;
    }
    // Every item not placed yet goes at or above `level` and above every placed item live with it, and
    // the ones live at one step stack up: a bound on any completion of this node.
    std::size_t bound = current;
    for (std::size_t t = 0; t < top.size(); ++t) bound = std::max(bound, std::max(level, top[t]) + rest[t]);
    if (bound >= best) return;
    std::vector<Child> kids;
    for (std::size_t u = 0; u < n; ++u) {
      if (placed[u]) continue;
      std::size_t at = 0;
      for (int t = first[u]; t <= last[u]; ++t) at = std::max(at, top[static_cast<std::size_t>(t)]);
      work += static_cast<std::uint64_t>(last[u] - first[u] + 1);
      if (at < level || (at == level && static_cast<long long>(u) < prev) || at + size[u] >= best) continue;
      kids.push_back({at, u});
    }
    std::sort(kids.begin(), kids.end(), [&](const Child& a, const Child& b) {
      if (a.at != b.at) return a.at < b.at;
      if (size[a.item] != size[b.item]) return size[a.item] > size[b.item];
      return a.item < b.item;
    });
    for (const Child& k : kids) {
      const std::size_t u = k.item, end = k.at + size[u];
      if (end >= best) continue;  // `best` may have dropped since the children were listed
      placed[u] = 1;
      off[u] = k.at;
      for (int t = first[u]; t <= last[u]; ++t) {
        const auto s = static_cast<std::size_t>(t);
        undo.push_back(top[s]);
        top[s] = end;
        rest[s] -= size[u];
      }
      dfs(depth + 1, k.at, static_cast<long long>(u), std::max(current, end));
      for (int t = last[u]; t >= first[u]; --t) {
        const auto s = static_cast<std::size_t>(t);
        top[s] = undo.back();
        undo.pop_back();
        rest[s] += size[u];
      }
      placed[u] = 0;
      if (aborted) return;
    }
  }
};

ExactPlanner::ExactPlanner(std::size_t alignment, std::size_t max_buffers, std::uint64_t budget)
    : alignment_(alignment == 0 ? 1 : alignment), max_buffers_(max_buffers), budget_(budget) {}

int ExactPlanner::add_buffer(std::size_t size, int first, int last) {
  if (first < 0 || last < first)
    throw Error(ErrorKind::kInternal, fmt::format("memory planner: bad lifetime [{}, {}]", first, last));
  buffers_.push_back({size, first, last});
  planned_ = false;
  return static_cast<int>(buffers_.size()) - 1;
}

std::size_t ExactPlanner::offset(int index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= buffers_.size())
    throw Error(ErrorKind::kInternal, fmt::format("memory planner: no buffer {}", index));
  plan();
  return offsets_[static_cast<std::size_t>(index)];
}

std::size_t ExactPlanner::total() const {
  plan();
  return total_;
}

bool ExactPlanner::proved_optimal() const {
  plan();
  return optimal_;
}

std::uint64_t ExactPlanner::work() const {
  plan();
  return work_;
}

void ExactPlanner::plan() const {
  if (planned_) return;
  planned_ = true;
  work_ = 0;
  // Start from the best greedy plan (ties: the earlier order), so the search only has to beat it.
  total_ = 0;
  bool have = false;
  for (GreedyPlanner::Order order : GreedyPlanner::all_orders()) {
    GreedyPlanner g(alignment_, order);
    for (const BufferRequest& b : buffers_) g.add_buffer(b.size, b.first, b.last);
    if (have && g.total() >= total_) continue;
    have = true;
    total_ = g.total();
    offsets_.assign(buffers_.size(), 0);
    for (std::size_t i = 0; i < buffers_.size(); ++i) offsets_[i] = g.offset(static_cast<int>(i));
  }
  const std::size_t bound = live_bound(buffers_, alignment_);
  optimal_ = total_ <= bound;
  std::vector<std::size_t> items;  // non-empty buffers; empty ones stay at offset 0
  for (std::size_t i = 0; i < buffers_.size(); ++i)
    if (buffers_[i].size > 0) items.push_back(i);
  if (optimal_ || items.size() > max_buffers_) return;

  Search s;
  std::vector<int> firsts;
  for (std::size_t i : items) firsts.push_back(buffers_[i].first);
  std::sort(firsts.begin(), firsts.end());
  firsts.erase(std::unique(firsts.begin(), firsts.end()), firsts.end());
  auto rank_at_or_before = [&](int step) {
    return static_cast<int>(std::upper_bound(firsts.begin(), firsts.end(), step) - firsts.begin()) - 1;
  };
  s.top.assign(firsts.size(), 0);
  s.rest.assign(firsts.size(), 0);
  for (std::size_t i : items) {
    s.size.push_back(align_up(buffers_[i].size, alignment_));
    s.first.push_back(rank_at_or_before(buffers_[i].first));
    s.last.push_back(rank_at_or_before(buffers_[i].last));
    for (int t = s.first.back(); t <= s.last.back(); ++t) s.rest[static_cast<std::size_t>(t)] += s.size.back();
  }
  s.placed.assign(items.size(), 0);
  s.off.assign(items.size(), 0);
  s.best = total_;
  s.budget = budget_;
  s.dfs(0, 0, -1, 0);
  work_ = s.work;
  if (!s.best_off.empty()) {  // found a smaller plan
    total_ = s.best;
    for (std::size_t k = 0; k < items.size(); ++k) offsets_[items[k]] = s.best_off[k];
    for (std::size_t i = 0; i < buffers_.size(); ++i)
      if (buffers_[i].size == 0) offsets_[i] = 0;
  }
  optimal_ = !s.aborted || total_ <= bound;
}

}  // namespace tinyaot
