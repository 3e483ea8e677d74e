// tinyaot: numpy-style broadcasting of two operands, resolved at compile time (like TFLite's NdArrayDesc):
// the output shape, and a walk of at most 6 dimensions with per-input strides (0 along broadcast
// dimensions) in which unit dimensions are dropped and dimensions that can be walked as one are merged.
// Used by ADD; any elementwise binary op can share it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "compiler/ir/graph.h"

namespace tinyaot {

/// Output shape of broadcasting `a` with `b` (trailing dimensions aligned; equal or one of them 1), or
/// nullopt when they are incompatible.
std::optional<Shape> broadcast_shape(const Shape& a, const Shape& b);

/// A broadcast walk, outermost dimension first; unused leading entries have size 1 and stride 0.
struct BroadcastWalk {
  std::array<int32_t, 6> dims{};
  std::array<int32_t, 6> strides1{};
  std::array<int32_t, 6> strides2{};
};

/// Walk of `out` (the broadcast of `a` and `b`, rank <= 6 after dropping unit dimensions).
/// Returns nullopt when more than 6 dimensions remain.
std::optional<BroadcastWalk> broadcast_walk(const Shape& a, const Shape& b, const Shape& out);

/// C++17 aggregate initializer for tinyaot_rt::BroadcastDesc, "{{...}, {...}, {...}}" with comments.
std::string broadcast_desc_init(const BroadcastWalk& w);

}  // namespace tinyaot
