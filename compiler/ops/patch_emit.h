// tinyaot: emission of patch stacks (passes/patch_stack.h, runtime_min/tinyaot_rt/patch.h).
// CONV_2D and DEPTHWISE_CONV_2D ask this helper first, after declaring their parameter struct: an op
// inside a stack emits only a comment; the stack's last op emits the tile loop, which calls every
// stage's ordinary kernel on the tile's rows (patch_window over that op's own parameters).
#pragma once

#include "compiler/ir/graph.h"

namespace tinyaot {

class EmitContext;

/// True when `op` belongs to a patch stack (its code, if any, has been emitted); false otherwise.
bool emit_patch_stack(EmitContext& e, const Graph& g, const Op& op);

}  // namespace tinyaot
