// tinyaot: buffer lifetimes of a graph (see lifetimes.h).
#include "passes/lifetimes.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include "compiler/support/error.h"
#include "passes/patch_stack.h"

namespace tinyaot {

int step_count(const Graph& g) { return std::max(1, static_cast<int>(g.ops.size())); }

std::size_t offset_in_storage(const Graph& g, int id) {
  std::size_t off = 0;
  const Tensor* t = &g.tensor(id);
  // Same guard as Graph::storage(): the verifier rejects self-aliases, not longer cycles.
  for (int guard = 0; t->alias_of >= 0 && guard < 1000; ++guard) {
    off += t->alias_offset;
    t = &g.tensor(t->alias_of);
  }
  return off;
}

namespace {

/// Per storage tensor: the steps it is used at and the bytes its views need.
struct Use {
  int first = INT_MAX;
  int last = -1;
  std::size_t bytes = 0;
};

}  // namespace

std::vector<ArenaBuffer> arena_buffers(const Graph& g) {
  const int last_step = step_count(g) - 1;
  std::vector<Use> use(g.tensors.size());

  auto touch = [&](int id, int step) {
    const Tensor& t = g.tensor(id);
    const Tensor& s = g.storage(id);
    if (s.is_const && !s.is_variable) {
      if (t.alias_of < 0) return;  // weights: not in the arena
      throw Error(ErrorKind::kInternal, fmt::format("view of constant tensor {} cannot be planned", s.id))
          .at_tensor(t.id, t.name);
    }
    Use& u = use[static_cast<std::size_t>(s.id)];
    u.first = std::min(u.first, step);
    u.last = std::max(u.last, step);
    u.bytes = std::max(u.bytes, offset_in_storage(g, id) + t.bytes());
  };

  // A patch stack runs at the step of its last op: its input lives until then, the tensors between its
  // ops only inside its tile buffers (patch_stack.h).
  const std::vector<bool> internal = patch_internal_tensors(g);
  auto planned = [&](int id) { return id >= 0 && !internal[static_cast<std::size_t>(id)]; };
  for (int id : g.inputs) touch(id, 0);
  for (std::size_t step = 0; step < g.ops.size(); ++step) {
    const Op& op = g.ops[step];
    const int at = op.patch_last >= 0 ? op.patch_last : static_cast<int>(step);
    for (int id : op.inputs)
      if (planned(id)) touch(id, at);
    for (int id : op.outputs)
      if (planned(id)) touch(id, at);
  }
  for (int id : g.outputs) touch(id, last_step);

  std::vector<ArenaBuffer> out;
  for (const Tensor& t : g.tensors) {
    if (t.alias_of >= 0) continue;  // no storage of its own
    const Use& u = use[static_cast<std::size_t>(t.id)];
    const std::size_t size = std::max(t.bytes(), u.bytes);
    if (t.is_variable) {
      // Every variable is kept, used or not, so state reset code can rely on it having a place.
      out.push_back({BufferKind::kVariable, t.id, {size, 0, last_step}});
    } else if (!t.is_const && u.last >= 0) {
      out.push_back({BufferKind::kTensor, t.id, {size, u.first, u.last}});
    }
  }
  for (std::size_t step = 0; step < g.ops.size(); ++step) {
    const Op& op = g.ops[step];
    const int s = static_cast<int>(step);
    if (op.scratch_bytes > 0) out.push_back({BufferKind::kScratch, s, {op.scratch_bytes, s, s}});
  }
  return out;
}

}  // namespace tinyaot
