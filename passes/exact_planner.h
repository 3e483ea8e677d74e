// tinyaot: an exact memory planner (branch and bound), for graphs small enough to search.
// It starts from the best greedy plan and searches for a smaller one. Every plan can be pushed down until
// each buffer rests on offset 0 or on the end of a buffer live with it; such a plan is built by placing
// buffers in increasing offset order, each right above the buffers already placed that are live with it.
// The search branches on which buffer comes next and prunes with a per-step bound. Its work is counted in
// steps (never wall time), so a plan is the same on every machine; when the budget runs out the best plan
// found so far is kept.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "passes/memory_planner.h"

namespace tinyaot {

class ExactPlanner : public MemoryPlanner {
 public:
  /// Searches only when there are at most `max_buffers` non-empty buffers; `budget` caps the work
  /// (roughly one unit per step of a lifetime looked at).
  explicit ExactPlanner(std::size_t alignment = 16, std::size_t max_buffers = 128,
                        std::uint64_t budget = 4'000'000);

  std::string_view name() const override { return "exact"; }
  int add_buffer(std::size_t size, int first, int last) override;
  std::size_t buffer_count() const override { return buffers_.size(); }
  std::size_t offset(int index) const override;
  std::size_t total() const override;

  /// True when the plan is proven optimal for this op order (search finished, or it met the bound).
  bool proved_optimal() const;
  /// Work units the search used (deterministic).
  std::uint64_t work() const;

 private:
  struct Search;
  void plan() const;

  std::size_t alignment_;
  std::size_t max_buffers_;
  std::uint64_t budget_;
  std::vector<BufferRequest> buffers_;
  mutable bool planned_ = false;
  mutable bool optimal_ = false;
  mutable std::uint64_t work_ = 0;
  mutable std::vector<std::size_t> offsets_;
  mutable std::size_t total_ = 0;
};

}  // namespace tinyaot
