// tinyaot: the greedy memory planner (see greedy_planner.h).
#include "passes/greedy_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "compiler/support/error.h"

namespace tinyaot {

GreedyPlanner::GreedyPlanner(std::size_t alignment, Order order)
    : alignment_(alignment == 0 ? 1 : alignment), order_(order) {}

std::string_view GreedyPlanner::name() const {
  switch (order_) {
    case Order::kSizeDescending: return "greedy-size";
    case Order::kFirstUse: return "greedy-first-use";
    case Order::kLongestLifetime: return "greedy-lifetime";
    case Order::kArea: return "greedy-area";
    case Order::kConflicts: return "greedy-conflicts";
  }
  return "greedy";
}

std::vector<GreedyPlanner::Order> GreedyPlanner::all_orders() {
  return {Order::kSizeDescending, Order::kFirstUse, Order::kLongestLifetime, Order::kArea, Order::kConflicts};
}

std::vector<std::size_t> GreedyPlanner::placement_order(const std::vector<BufferRequest>& buffers,
                                                        const std::vector<std::size_t>& size, Order order) {
  const std::size_t n = buffers.size();
  // Conflicts: how many other (non-empty) buffers are live at some step together with each buffer.
  std::vector<std::size_t> conflicts(n, 0);
  if (order == Order::kConflicts)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j)
        if (size[i] > 0 && size[j] > 0 && buffers[i].overlaps_in_time(buffers[j])) ++conflicts[i], ++conflicts[j];
  auto length = [&](std::size_t i) { return static_cast<std::size_t>(buffers[i].last - buffers[i].first + 1); };
  auto key = [&](std::size_t i) -> std::size_t {
    switch (order) {
      case Order::kSizeDescending: return size[i];
      case Order::kFirstUse: return static_cast<std::size_t>(-1) - static_cast<std::size_t>(buffers[i].first);
      case Order::kLongestLifetime: return length(i);
      case Order::kArea: return size[i] * length(i);
      case Order::kConflicts: return conflicts[i];
    }
    return 0;
  };
  // Ties fall back to size, then insertion order (stable sort), so plans are deterministic.
  std::vector<std::size_t> sorted(n);
  std::iota(sorted.begin(), sorted.end(), std::size_t{0});
  std::stable_sort(sorted.begin(), sorted.end(), [&](std::size_t a, std::size_t b) {
    if (key(a) != key(b)) return key(a) > key(b);
    return size[a] > size[b];
  });
  return sorted;
}

int GreedyPlanner::add_buffer(std::size_t size, int first, int last) {
  if (first < 0 || last < first)
    throw Error(ErrorKind::kInternal, fmt::format("memory planner: bad lifetime [{}, {}]", first, last));
  buffers_.push_back({size, first, last});
  planned_ = false;
  return static_cast<int>(buffers_.size()) - 1;
}

std::size_t GreedyPlanner::offset(int index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= buffers_.size())
    throw Error(ErrorKind::kInternal, fmt::format("memory planner: no buffer {}", index));
  plan();
  return offsets_[static_cast<std::size_t>(index)];
}

std::size_t GreedyPlanner::total() const {
  plan();
  return total_;
}

void GreedyPlanner::plan() const {
  if (planned_) return;
  planned_ = true;
  const std::size_t n = buffers_.size();
  std::vector<std::size_t> size(n);
  for (std::size_t i = 0; i < n; ++i) size[i] = align_up(buffers_[i].size, alignment_);

  const std::vector<std::size_t> order = placement_order(buffers_, size, order_);

  offsets_.assign(n, 0);
  total_ = 0;
  std::vector<std::size_t> placed;     // buffers already placed, in placement order
  std::vector<std::size_t> conflicts;  // of those, the ones whose lifetime meets the current buffer
  for (std::size_t b : order) {
    conflicts.clear();
    for (std::size_t p : placed)
      if (size[p] > 0 && buffers_[p].overlaps_in_time(buffers_[b])) conflicts.push_back(p);
    std::sort(conflicts.begin(), conflicts.end(), [&](std::size_t x, std::size_t y) {
      return offsets_[x] != offsets_[y] ? offsets_[x] < offsets_[y] : x < y;
    });
    // Walk the conflicting buffers bottom-up; take the first gap that fits.
    std::size_t candidate = 0;
    for (std::size_t p : conflicts) {
      if (candidate + size[b] <= offsets_[p]) break;
      candidate = std::max(candidate, offsets_[p] + size[p]);
    }
    offsets_[b] = candidate;
    total_ = std::max(total_, candidate + size[b]);
    placed.push_back(b);
  }
}

}  // namespace tinyaot
