// tinyaot: unit tests of the memory planners, the live-set bound and plan selection on hand-made buffers.
#include <gtest/gtest.h>

#include "compiler/support/error.h"
#include "passes/greedy_planner.h"
#include "passes/memory_planner.h"
#include "passes/plan_memory.h"

namespace tinyaot {
namespace {

using Order = GreedyPlanner::Order;

TEST(AlignUp, RoundsToMultiples) {
  EXPECT_EQ(align_up(0, 16), 0u);
  EXPECT_EQ(align_up(1, 16), 16u);
  EXPECT_EQ(align_up(16, 16), 16u);
  EXPECT_EQ(align_up(17, 16), 32u);
  EXPECT_EQ(align_up(17, 1), 17u);
  EXPECT_EQ(align_up(17, 0), 17u);
}

TEST(GreedyPlanner, DisjointLifetimesShareOffsetZero) {
  GreedyPlanner p(16);
  EXPECT_EQ(p.add_buffer(100, 0, 1), 0);
  EXPECT_EQ(p.add_buffer(200, 2, 3), 1);
  EXPECT_EQ(p.buffer_count(), 2u);
  EXPECT_EQ(p.offset(0), 0u);
  EXPECT_EQ(p.offset(1), 0u);
  EXPECT_EQ(p.total(), 208u);  // the larger one, aligned
}

TEST(GreedyPlanner, OverlappingLifetimesDoNotOverlapInMemory) {
  GreedyPlanner p(16);
  p.add_buffer(100, 0, 2);
  p.add_buffer(50, 1, 3);
  EXPECT_EQ(p.offset(0), 0u);    // larger first
  EXPECT_EQ(p.offset(1), 112u);  // after 100 rounded up to 16
  EXPECT_EQ(p.total(), 176u);    // 112 + 64
}

TEST(GreedyPlanner, LifetimesTouchingAtOneStepOverlap) {
  // [0,1] and [1,2] are both live at step 1: the op at step 1 reads one and writes the other.
  GreedyPlanner p(16);
  p.add_buffer(32, 0, 1);
  p.add_buffer(32, 1, 2);
  EXPECT_EQ(p.offset(0), 0u);
  EXPECT_EQ(p.offset(1), 32u);
  EXPECT_EQ(p.total(), 64u);
}

TEST(GreedyPlanner, Alignment) {
  GreedyPlanner p16(16);
  p16.add_buffer(1, 0, 0);
  p16.add_buffer(1, 0, 0);
  p16.add_buffer(5, 0, 0);
  EXPECT_EQ(p16.offset(0), 0u);
  EXPECT_EQ(p16.offset(1), 16u);
  EXPECT_EQ(p16.offset(2), 32u);
  EXPECT_EQ(p16.total(), 48u);

  GreedyPlanner p4(4);
  p4.add_buffer(1, 0, 0);
  p4.add_buffer(1, 0, 0);
  p4.add_buffer(5, 0, 0);
  EXPECT_EQ(p4.offset(2), 0u);  // the 5-byte buffer (8 aligned) goes first
  EXPECT_EQ(p4.offset(0), 8u);
  EXPECT_EQ(p4.offset(1), 12u);
  EXPECT_EQ(p4.total(), 16u);
}

TEST(GreedyPlanner, FillsGapsLeftByEarlierBuffers) {
  GreedyPlanner p(16);
  p.add_buffer(64, 0, 1);
  p.add_buffer(32, 1, 2);
  p.add_buffer(32, 2, 3);
  EXPECT_EQ(p.offset(0), 0u);
  EXPECT_EQ(p.offset(1), 64u);
  EXPECT_EQ(p.offset(2), 0u);  // fits below the 32-byte buffer it shares step 2 with
  EXPECT_EQ(p.total(), 96u);
}

TEST(GreedyPlanner, ZeroSizeBuffersTakeNoSpace) {
  GreedyPlanner p(16);
  p.add_buffer(0, 0, 3);
  p.add_buffer(32, 0, 3);
  EXPECT_EQ(p.offset(0), 0u);
  EXPECT_EQ(p.offset(1), 0u);
  EXPECT_EQ(p.total(), 32u);
}

TEST(GreedyPlanner, EmptyAndReplanAfterAdd) {
  GreedyPlanner p(16);
  EXPECT_EQ(p.total(), 0u);
  p.add_buffer(10, 0, 0);
  EXPECT_EQ(p.total(), 16u);
  p.add_buffer(10, 0, 0);  // invalidates the cached plan
  EXPECT_EQ(p.total(), 32u);
}

TEST(GreedyPlanner, RejectsBadInput) {
  GreedyPlanner p(16);
  EXPECT_THROW(p.add_buffer(8, 2, 1), Error);
  EXPECT_THROW(p.add_buffer(8, -1, 1), Error);
  p.add_buffer(8, 0, 0);
  EXPECT_THROW(p.offset(1), Error);
}

// Size-first loses on this set; first-use order reaches the bound (96).
const std::vector<BufferRequest> kSizeFirstLoses = {{32, 0, 1}, {48, 2, 2}, {64, 0, 0}, {48, 1, 2}};

TEST(GreedyPlanner, OrdersDiffer) {
  GreedyPlanner by_size(16, Order::kSizeDescending), by_first(16, Order::kFirstUse);
  for (const auto& b : kSizeFirstLoses) {
    by_size.add_buffer(b.size, b.first, b.last);
    by_first.add_buffer(b.size, b.first, b.last);
  }
  EXPECT_EQ(by_size.name(), "greedy-size");
  EXPECT_EQ(by_first.name(), "greedy-first-use");
  EXPECT_EQ(by_size.total(), 128u);
  EXPECT_EQ(by_first.total(), 96u);
  EXPECT_EQ(by_first.offset(2), 0u);
  EXPECT_EQ(by_first.offset(0), 64u);
  EXPECT_EQ(by_first.offset(3), 0u);
  EXPECT_EQ(by_first.offset(1), 48u);
}

TEST(LiveBound, LargestLiveSet) {
  EXPECT_EQ(live_bound({}, 16), 0u);
  EXPECT_EQ(live_bound({{64, 0, 1}, {32, 1, 2}, {32, 2, 3}}, 16), 96u);  // step 1
  EXPECT_EQ(live_bound(kSizeFirstLoses, 16), 96u);
  EXPECT_EQ(live_bound({{1, 0, 0}, {1, 0, 0}}, 16), 32u);  // aligned sizes
  EXPECT_EQ(live_bound({{1, 0, 0}, {1, 0, 0}}, 1), 2u);
  EXPECT_EQ(live_bound({{100, 0, 0}, {50, 1, 1}}, 16), 112u);
}

TEST(PlanBuffers, KeepsTheSmallestPlan) {
  const ArenaPlan plan = plan_buffers(kSizeFirstLoses, 16);
  EXPECT_EQ(plan.total, 96u);
  EXPECT_EQ(plan.planner, "greedy-first-use");
  EXPECT_EQ(plan.offsets, (std::vector<std::size_t>{64, 48, 0, 0}));
}

TEST(PlanBuffers, TiesKeepTflmOrder) {
  const ArenaPlan plan = plan_buffers({{64, 0, 1}, {32, 1, 2}, {32, 2, 3}}, 16);
  EXPECT_EQ(plan.total, 96u);
  EXPECT_EQ(plan.planner, "greedy-size");
}

TEST(PlanBuffers, NeverBelowTheBoundOnRandomSets) {
  // A small deterministic generator (no <random> distribution differences across libraries).
  uint32_t x = 12345;
  auto next = [&](uint32_t n) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    return x % n;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<BufferRequest> bufs;
    const uint32_t n = 1 + next(20);
    for (uint32_t i = 0; i < n; ++i) {
      int a = static_cast<int>(next(10)), b = static_cast<int>(next(10));
      bufs.push_back({1 + next(300), std::min(a, b), std::max(a, b)});
    }
    const ArenaPlan plan = plan_buffers(bufs, 16);  // check_plan() runs inside
    EXPECT_GE(plan.total, live_bound(bufs, 16));
  }
}

TEST(CheckPlan, DetectsOverlapAndMisalignment) {
  const std::vector<BufferRequest> bufs = {{32, 0, 1}, {32, 1, 2}};
  ArenaPlan ok{{0, 32}, 64, "hand"};
  EXPECT_NO_THROW(check_plan(bufs, ok, 16));
  ArenaPlan overlap{{0, 16}, 64, "hand"};
  EXPECT_THROW(check_plan(bufs, overlap, 16), Error);
  ArenaPlan unaligned{{0, 40}, 80, "hand"};
  EXPECT_THROW(check_plan(bufs, unaligned, 16), Error);
  ArenaPlan too_small{{0, 32}, 48, "hand"};
  EXPECT_THROW(check_plan(bufs, too_small, 16), Error);
}

}  // namespace
}  // namespace tinyaot
