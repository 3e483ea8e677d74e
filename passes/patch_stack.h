// tinyaot: pass patch-stack. Patch-based execution of the memory-heavy first stages of vision models.
// A chain of CONV_2D / DEPTHWISE_CONV_2D ops starting among the first ops, each the only reader of the
// previous one's output, can run as one stack, tile by tile (bands of output rows of its last op, halos
// recomputed; passes/patch_tiling.h). Its intermediate activations then never exist whole: only the
// stack's input, its output and two small ping-pong tile buffers are live, and the output may overlap
// the input (plan-memory treats the stack as one streaming op whose units are tiles). The pass marks the
// ops (Op::patch_*); lifetimes, in-place planning and the convolution emitters follow the marks.
// --patch auto keeps the stack, tile height and length whose planned arena is smallest, when it beats
// running the ops whole and recomputes at most PassOptions::max_patch_extra_macs of the model's MACs.
#pragma once

#include <vector>

#include "passes/pass.h"
#include "passes/patch_tiling.h"

namespace tinyaot {

class PatchStack : public Pass {
 public:
  std::string_view name() const override { return "patch-stack"; }
  void run(Graph& g, const PassOptions& opts) override;
};

/// The stages of ops [first, last] of `g` as a stack, or empty when they cannot form one (not a chain
/// of batch-1 CONV_2D / DEPTHWISE_CONV_2D ops each read only by the next, or on the NPU).
std::vector<StageGeometry> stack_geometry(const Graph& g, int first, int last);

/// The tiling of the stack ending at step `last` (Op::patch_first / patch_rows of that op).
PatchTiling stack_tiling(const Graph& g, int last);

/// Tensors that live only inside a patch stack (outputs of its ops but the last): no arena buffer.
std::vector<bool> patch_internal_tensors(const Graph& g);

}  // namespace tinyaot
