// tinyaot: the greedy planner with overlap rules (see overlap_planner.h).
#include "passes/overlap_planner.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/support/error.h"

namespace tinyaot {

namespace {

/// A half-open range [lo, hi) of offsets a buffer must not start at.
struct Forbidden {
  int64_t lo, hi;
};

bool joins(const OverlapRule& r, int a, int b) {
  return (r.input == a && r.output == b) || (r.input == b && r.output == a);
}

const OverlapRule* rule_between(const std::vector<OverlapRule>& rules, int a, int b) {
  for (const OverlapRule& r : rules)
    if (joins(r, a, b)) return &r;
  return nullptr;
}

}  // namespace

bool placement_allowed(const std::vector<OverlapRule>& rules, int i, std::size_t a, std::size_t size_i, int j,
                       std::size_t b, std::size_t size_j) {
  if (size_i == 0 || size_j == 0 || a + size_i <= b || b + size_j <= a) return true;
  const OverlapRule* r = rule_between(rules, i, j);
  if (!r) return false;
  const int64_t in = static_cast<int64_t>(r->input == i ? a : b), out = static_cast<int64_t>(r->input == i ? b : a);
  return r->bounds.allows(out - in);
}

OverlapPlanner::OverlapPlanner(std::size_t alignment, GreedyPlanner::Order order)
    : alignment_(alignment == 0 ? 1 : alignment), order_(order) {
  name_ = std::string(GreedyPlanner(alignment_, order).name()) + "+overlap";
}

int OverlapPlanner::add_buffer(std::size_t size, int first, int last) {
  if (first < 0 || last < first)
    throw Error(ErrorKind::kInternal, fmt::format("memory planner: bad lifetime [{}, {}]", first, last));
  buffers_.push_back({size, first, last});
  planned_ = false;
  return static_cast<int>(buffers_.size()) - 1;
}

void OverlapPlanner::allow_overlap(const OverlapRule& rule) {
  const auto n = static_cast<int>(buffers_.size());
  if (rule.input < 0 || rule.input >= n || rule.output < 0 || rule.output >= n || rule.input == rule.output)
    throw Error(ErrorKind::kInternal, fmt::format("memory planner: bad overlap rule {} -> {}", rule.input, rule.output));
  rules_.push_back(rule);
  planned_ = false;
}

std::size_t OverlapPlanner::offset(int index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= buffers_.size())
    throw Error(ErrorKind::kInternal, fmt::format("memory planner: no buffer {}", index));
  plan();
  return offsets_[static_cast<std::size_t>(index)];
}

std::size_t OverlapPlanner::total() const {
  plan();
  return total_;
}

void OverlapPlanner::plan() const {
  if (planned_) return;
  planned_ = true;
  const std::size_t n = buffers_.size();
  std::vector<int64_t> size(n);
  for (std::size_t i = 0; i < n; ++i) size[i] = static_cast<int64_t>(align_up(buffers_[i].size, alignment_));

  // Placement order: exactly GreedyPlanner's for the same order.
  std::vector<std::size_t> usize(n);
  for (std::size_t i = 0; i < n; ++i) usize[i] = static_cast<std::size_t>(size[i]);
  const std::vector<std::size_t> order = GreedyPlanner::placement_order(buffers_, usize, order_);

  const auto align = static_cast<int64_t>(alignment_);
  // The rules of each buffer, so a pair is looked up among a handful of rules, not all of them.
  std::vector<std::vector<const OverlapRule*>> rules_of(n);
  for (const OverlapRule& r : rules_) {
    rules_of[static_cast<std::size_t>(r.input)].push_back(&r);
    rules_of[static_cast<std::size_t>(r.output)].push_back(&r);
  }
  auto rule_for = [&](std::size_t a, std::size_t b) -> const OverlapRule* {
    for (const OverlapRule* r : rules_of[a])
      if (joins(*r, static_cast<int>(a), static_cast<int>(b))) return r;
    return nullptr;
  };
  std::vector<int64_t> off(n, 0);
  std::vector<std::size_t> placed;
  std::vector<Forbidden> bad;
  total_ = 0;
  for (std::size_t b : order) {
    bad.clear();
    for (std::size_t p : placed) {
      if (size[p] == 0 || size[b] == 0 || !buffers_[p].overlaps_in_time(buffers_[b])) continue;
      Forbidden f{off[p] - size[b] + 1, off[p] + size[p]};  // any overlap in memory
      if (const OverlapRule* r = rule_for(p, b)) {
        const InplaceBounds& k = r->bounds;
        if (r->input == static_cast<int>(p)) {  // b is the output: delta = c - off[p]
          f.lo = std::max(f.lo, off[p] + k.fwd_max + 1);
          f.hi = std::min(f.hi, off[p] + k.rev_min);
        } else {  // b is the input: delta = off[p] - c
          f.lo = std::max(f.lo, off[p] - k.rev_min + 1);
          f.hi = std::min(f.hi, off[p] - k.fwd_max);
        }
      }
      if (f.lo < f.hi) bad.push_back(f);
    }
    std::sort(bad.begin(), bad.end(), [](const Forbidden& x, const Forbidden& y) { return x.lo < y.lo; });
    // Lowest aligned offset outside every forbidden range: ranges by start, skipping past each one hit.
    int64_t c = 0;
    for (const Forbidden& f : bad) {
      if (f.lo > c) break;
      if (c < f.hi) c = (f.hi + align - 1) / align * align;
    }
    off[b] = c;
    total_ = std::max(total_, static_cast<std::size_t>(c + size[b]));
    placed.push_back(b);
  }
  offsets_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) offsets_[i] = static_cast<std::size_t>(off[i]);
}

}  // namespace tinyaot
