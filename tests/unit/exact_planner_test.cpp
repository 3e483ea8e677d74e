// tinyaot: unit tests of the exact (branch and bound) planner and the greedy-by-conflicts order: the exact
// planner beats every greedy order where it provably can, never goes below the live-set bound, matches a
// brute-force search on small sets, and is deterministic under its step budget.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "passes/exact_planner.h"
#include "passes/greedy_planner.h"
#include "passes/plan_memory.h"

namespace tinyaot {
namespace {

using Order = GreedyPlanner::Order;

// Found by a random search: every greedy order needs 272 bytes, the bound (and the exact plan) is 224.
const std::vector<BufferRequest> kGreedyLoses = {{80, 4, 4}, {48, 2, 4}, {64, 1, 1},
                                                 {16, 0, 1}, {80, 0, 5}, {64, 0, 3}};

std::size_t greedy_total(const std::vector<BufferRequest>& bufs, Order order) {
  GreedyPlanner p(16, order);
  for (const BufferRequest& b : bufs) p.add_buffer(b.size, b.first, b.last);
  return p.total();
}

/// The optimum by trying every 16-byte offset below `limit` for every buffer (tiny sets only).
std::size_t brute_force(const std::vector<BufferRequest>& b, std::size_t limit) {
  std::size_t best = limit;
  std::vector<std::size_t> off(b.size(), 0);
  std::function<void(std::size_t, std::size_t)> place = [&](std::size_t i, std::size_t total) {
    if (total >= best) return;
    if (i == b.size()) {
      best = total;
      return;
    }
    for (std::size_t o = 0; o + align_up(b[i].size, 16) <= limit; o += 16) {
      bool ok = true;
      for (std::size_t j = 0; j < i && ok; ++j)
        ok = !b[i].overlaps_in_time(b[j]) || o + b[i].size <= off[j] || off[j] + b[j].size <= o;
      if (!ok) continue;
      off[i] = o;
      place(i + 1, std::max(total, o + align_up(b[i].size, 16)));
    }
  };
  place(0, 0);
  return best;
}

TEST(ExactPlanner, BeatsEveryGreedyOrderAndReachesTheBound) {
  for (Order order : GreedyPlanner::all_orders()) EXPECT_GE(greedy_total(kGreedyLoses, order), 272u);
  ExactPlanner exact(16);
  for (const BufferRequest& b : kGreedyLoses) exact.add_buffer(b.size, b.first, b.last);
  EXPECT_EQ(exact.name(), "exact");
  EXPECT_EQ(live_bound(kGreedyLoses, 16), 224u);
  EXPECT_EQ(exact.total(), 224u);  // = the bound: provably optimal
  EXPECT_TRUE(exact.proved_optimal());
  const ArenaPlan plan = plan_buffers(kGreedyLoses, 16);  // check_plan() runs inside
  EXPECT_EQ(plan.planner, "exact");
  EXPECT_EQ(plan.total, 224u);
}

TEST(ExactPlanner, NeverBelowTheBoundAndOptimalOnRandomSets) {
  uint32_t x = 2024;
  auto next = [&](uint32_t n) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    return x % n;
  };
  for (int round = 0; round < 300; ++round) {
    std::vector<BufferRequest> bufs;
    const uint32_t n = 1 + next(round < 200 ? 4 : 14);
    for (uint32_t i = 0; i < n; ++i) {
      const int a = static_cast<int>(next(7)), b = static_cast<int>(next(7));
      bufs.push_back({1 + next(round < 200 ? 80 : 300), std::min(a, b), std::max(a, b)});
    }
    ExactPlanner exact(16);
    for (const BufferRequest& b : bufs) exact.add_buffer(b.size, b.first, b.last);
    ArenaPlan p{{}, exact.total(), "exact"};
    for (std::size_t i = 0; i < bufs.size(); ++i) p.offsets.push_back(exact.offset(static_cast<int>(i)));
    check_plan(bufs, p, 16);
    EXPECT_GE(exact.total(), live_bound(bufs, 16));
    for (Order order : GreedyPlanner::all_orders()) EXPECT_LE(exact.total(), greedy_total(bufs, order));
    if (round < 200) {  // small enough for brute force: the search must find the optimum
      EXPECT_TRUE(exact.proved_optimal());
      EXPECT_EQ(exact.total(), brute_force(bufs, greedy_total(bufs, Order::kSizeDescending) + 16)) << round;
    }
  }
}

TEST(ExactPlanner, BudgetIsCountedInStepsAndKeepsTheGreedyPlan) {
  ExactPlanner starved(16, 128, /*budget=*/1), again(16, 128, 1), too_many(16, /*max_buffers=*/3);
  for (const BufferRequest& b : kGreedyLoses) {
    starved.add_buffer(b.size, b.first, b.last);
    again.add_buffer(b.size, b.first, b.last);
    too_many.add_buffer(b.size, b.first, b.last);
  }
  EXPECT_EQ(starved.total(), 272u);  // the best greedy plan: the search stopped at once
  EXPECT_FALSE(starved.proved_optimal());
  EXPECT_EQ(too_many.total(), 272u);  // more buffers than it searches
  EXPECT_EQ(starved.work(), again.work());
  for (int i = 0; i < 6; ++i) EXPECT_EQ(starved.offset(i), again.offset(i));
}

TEST(ExactPlanner, ZeroSizeAndEmpty) {
  ExactPlanner none(16);
  EXPECT_EQ(none.total(), 0u);
  ExactPlanner p(16);
  p.add_buffer(0, 0, 3);
  p.add_buffer(20, 1, 2);
  EXPECT_EQ(p.total(), 32u);
  EXPECT_EQ(p.offset(1), 0u);
}

TEST(GreedyPlanner, ConflictsOrderPlacesTheMostConflictedFirst) {
  // Buffer 2 meets both others; 0 and 1 meet only buffer 2.
  const std::vector<BufferRequest> bufs = {{16, 0, 0}, {16, 2, 2}, {16, 0, 2}};
  const std::vector<std::size_t> size = {16, 16, 16};
  EXPECT_EQ(GreedyPlanner::placement_order(bufs, size, Order::kConflicts), (std::vector<std::size_t>{2, 0, 1}));
  GreedyPlanner p(16, Order::kConflicts);
  EXPECT_EQ(p.name(), "greedy-conflicts");
  for (const BufferRequest& b : bufs) p.add_buffer(b.size, b.first, b.last);
  EXPECT_EQ(p.offset(2), 0u);
  EXPECT_EQ(p.total(), 32u);
}

}  // namespace
}  // namespace tinyaot
