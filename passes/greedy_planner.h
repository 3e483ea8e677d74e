// tinyaot: the greedy memory planner (TFLite Micro's GreedyMemoryPlanner idea, our own code).
// Buffers are taken in a fixed order (by default largest first) and each goes to the lowest aligned offset
// where it does not collide with an already placed buffer whose lifetime intersects its own. The order is
// a parameter because no single order wins on every graph; plan-memory tries several and keeps the best.
#pragma once

#include <string_view>
#include <vector>

#include "passes/memory_planner.h"

namespace tinyaot {

class GreedyPlanner : public MemoryPlanner {
 public:
  /// The order in which buffers are placed (ties: larger first, then the order they were added).
  enum class Order {
    kSizeDescending,  ///< TFLM's order: big buffers first, small ones fill the gaps
    kFirstUse,        ///< by first step (what a linear-scan allocator would do)
    kLongestLifetime, ///< long-lived buffers first, so they settle at the bottom
    kArea,            ///< by size * lifetime length
    kConflicts,       ///< buffers live together with the most others first: the hardest to place go first
  };

  explicit GreedyPlanner(std::size_t alignment = 16, Order order = Order::kSizeDescending);

  std::string_view name() const override;
  int add_buffer(std::size_t size, int first, int last) override;
  std::size_t buffer_count() const override { return buffers_.size(); }
  std::size_t offset(int index) const override;
  std::size_t total() const override;

  /// Every order, for planners that try them all.
  static std::vector<Order> all_orders();

  /// The order in which `order` places `buffers` (whose sizes, aligned, are `size`): indices, first placed
  /// first. Shared with the planners that place greedily too, so equal orders mean equal plans.
  static std::vector<std::size_t> placement_order(const std::vector<BufferRequest>& buffers,
                                                  const std::vector<std::size_t>& size, Order order);

 private:
  void plan() const;

  std::size_t alignment_;
  Order order_;
  std::vector<BufferRequest> buffers_;
  // The plan is computed lazily on the first query after the last add_buffer().
  mutable bool planned_ = false;
  mutable std::vector<std::size_t> offsets_;
  mutable std::size_t total_ = 0;
};

}  // namespace tinyaot
