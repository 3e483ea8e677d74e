// tinyaot: a greedy memory planner that knows about in-place execution.
// Like GreedyPlanner (buffers in a fixed order, each at the lowest aligned offset that is free), but two
// buffers joined by an overlap rule may share memory while both are live, as long as the offset between
// them is one the op's kernel tolerates (passes/inplace_access.h). Without rules it places exactly like
// GreedyPlanner with the same order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "passes/greedy_planner.h"
#include "passes/inplace_access.h"
#include "passes/memory_planner.h"

namespace tinyaot {

/// Buffer `output` may overlap buffer `input` when offset(output) - offset(input) is allowed by `bounds`.
struct OverlapRule {
  int input = -1;   ///< buffer index (as returned by add_buffer)
  int output = -1;  ///< buffer index
  InplaceBounds bounds;
};

/// True when buffers i (at a) and j (at b), live at the same time, may occupy these places: they do not
/// overlap in memory (sizes as given), or a rule between them allows the offset.
bool placement_allowed(const std::vector<OverlapRule>& rules, int i, std::size_t a, std::size_t size_i, int j,
                       std::size_t b, std::size_t size_j);

class OverlapPlanner : public MemoryPlanner {
 public:
  explicit OverlapPlanner(std::size_t alignment = 16, GreedyPlanner::Order order = GreedyPlanner::Order::kSizeDescending);

  std::string_view name() const override { return name_; }
  int add_buffer(std::size_t size, int first, int last) override;
  std::size_t buffer_count() const override { return buffers_.size(); }
  std::size_t offset(int index) const override;
  std::size_t total() const override;

  /// Adds an overlap rule between two buffers already added.
  void allow_overlap(const OverlapRule& rule);

 private:
  void plan() const;

  std::size_t alignment_;
  GreedyPlanner::Order order_;
  std::string name_;
  std::vector<BufferRequest> buffers_;
  std::vector<OverlapRule> rules_;
  mutable bool planned_ = false;
  mutable std::vector<std::size_t> offsets_;
  mutable std::size_t total_ = 0;
};

}  // namespace tinyaot
