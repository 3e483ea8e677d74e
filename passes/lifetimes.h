// tinyaot: buffer lifetimes of a graph, in op steps (the position of an op in Graph::ops).
// Turns the IR into what a memory planner understands: one buffer per tensor that owns arena storage and
// one per op scratch, each with a size and an inclusive [first, last] step range. Views (alias_of >= 0)
// have no buffer of their own; their uses stretch the lifetime of the tensor whose storage they share.
#pragma once

#include <cstddef>
#include <vector>

#include "compiler/ir/graph.h"
#include "passes/memory_planner.h"

namespace tinyaot {

/// What an arena buffer holds.
enum class BufferKind {
  kTensor,    ///< an activation, graph input or graph output
  kVariable,  ///< state that persists across invokes: lives over every step, shares with nothing
  kScratch,   ///< an op's working memory, live only at that op's step
};

/// One buffer the arena must hold.
struct ArenaBuffer {
  BufferKind kind = BufferKind::kTensor;
  int id = -1;  ///< tensor id (kTensor, kVariable) or op position in Graph::ops (kScratch)
  BufferRequest request;
};

/// Number of op steps used for lifetimes: Graph::ops.size(), at least 1 (a graph without ops still has
/// inputs and outputs that must coexist at step 0).
int step_count(const Graph& g);

/// Offset of tensor `id` inside its storage tensor: the sum of alias_offset along its alias chain.
std::size_t offset_in_storage(const Graph& g, int id);

/// Every buffer of the arena, tensors first (by id) then scratch (by step). Rules:
///  - a non-constant tensor lives from the step of its producer (graph inputs: step 0) to the step of its
///    last consumer (graph outputs: the last step); unused tensors get no buffer;
///  - variable tensors live over all steps, so they never share memory and keep their value between
///    invokes;
///  - a view's uses count for its storage tensor, whose buffer is grown if the view reaches past its end;
///  - constants are not in the arena;
///  - a patch stack (patch_stack.h) runs at the step of its last op: its ops' uses count there, and the
///    tensors between its ops get no buffer (they only exist as tile bands in the last op's scratch).
/// Throws Error(kInternal) when a view's storage is a constant (views of weights are not planned).
std::vector<ArenaBuffer> arena_buffers(const Graph& g);

}  // namespace tinyaot
