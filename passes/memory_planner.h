// tinyaot: the memory planner interface (after TFLite Micro's MicroMemoryPlanner).
// A planner is told about buffers (size plus the first and last op step that uses them, inclusive) and
// answers with an offset for each and the total arena size. Planners know nothing about graphs: the
// plan-memory pass turns tensors and scratch into buffers, so planners stay small and testable by hand.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace tinyaot {

/// One buffer to place: `size` bytes, used from op step `first` to op step `last` (inclusive).
struct BufferRequest {
  std::size_t size = 0;
  int first = 0;
  int last = 0;
  /// Two buffers may share memory only when their lifetimes are disjoint.
  bool overlaps_in_time(const BufferRequest& o) const { return first <= o.last && o.first <= last; }
};

/// `n` rounded up to a multiple of `alignment` (alignment 0 or 1: unchanged).
inline std::size_t align_up(std::size_t n, std::size_t alignment) {
  return alignment <= 1 ? n : (n + alignment - 1) / alignment * alignment;
}

/// Places buffers in one arena. Usage: add_buffer() for each buffer, then offset(i) / total().
class MemoryPlanner {
 public:
  virtual ~MemoryPlanner() = default;
  /// Short name for reports ("greedy-size").
  virtual std::string_view name() const = 0;
  /// Adds a buffer and returns its index (0, 1, ...). Requires 0 <= first <= last.
  virtual int add_buffer(std::size_t size, int first, int last) = 0;
  /// Number of buffers added so far.
  virtual std::size_t buffer_count() const = 0;
  /// Byte offset of buffer `index` in the arena (a multiple of the planner's alignment).
  virtual std::size_t offset(int index) const = 0;
  /// Arena bytes needed by the whole plan (a multiple of the alignment).
  virtual std::size_t total() const = 0;
};

/// The lower bound no planner can beat: the largest sum of aligned sizes of buffers live at one step.
inline std::size_t live_bound(const std::vector<BufferRequest>& buffers, std::size_t alignment) {
  int last_step = -1;
  for (const BufferRequest& b : buffers) last_step = std::max(last_step, b.last);
  if (last_step < 0) return 0;
  // Difference array over steps: +size at first, -size after last; the running sum is the live set.
  std::vector<long long> delta(static_cast<std::size_t>(last_step) + 2, 0);
  for (const BufferRequest& b : buffers) {
    const auto sz = static_cast<long long>(align_up(b.size, alignment));
    delta[static_cast<std::size_t>(b.first)] += sz;
    delta[static_cast<std::size_t>(b.last) + 1] -= sz;
  }
  long long live = 0, best = 0;
  for (long long d : delta) best = std::max(best, live += d);
  return static_cast<std::size_t>(best);
}

}  // namespace tinyaot
