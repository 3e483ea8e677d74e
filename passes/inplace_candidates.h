// tinyaot: which ops of a graph may run in place, and how far their output may overlap their input.
// An op qualifies when its kernel streams (CONV_2D and DEPTHWISE_CONV_2D with batch 1 through the staged
// kernels of tinyaot_rt/conv_inplace.h; same-shape ADD, whose element loop reads both inputs before it
// writes the output) and the input dies at that op (no later reader, not a graph output, not state).
// A patch stack (patch_stack.h) is one candidate, from its first op's input to its last op's output, whose
// units are tiles. The planner receives the bounds as an overlap rule between the two buffers
// (overlap_planner.h).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"
#include "passes/inplace_access.h"

namespace tinyaot {

/// One (op, input, output) triple that may share memory.
struct InplaceCandidate {
  int step = -1;         ///< op position in Graph::ops
  int input_index = -1;  ///< index into the op's inputs
  int input = -1;        ///< tensor id of that input (may be a view)
  int output = -1;       ///< tensor id of output 0 (owns its storage)
  /// Bytes of one staged unit (an output pixel); 0 when the kernel needs no ring (element-wise ops).
  int64_t unit_bytes = 0;
  InplaceBounds minimal;  ///< with a ring of one unit (or none)
  int64_t zero_ring = 0;  ///< ring that makes delta = 0 legal (0: none within the size cap)
  InplaceBounds zero;     ///< the bounds with that ring
};

/// Every candidate of `g`, in op order. `ring_cap_fraction`: a zero-offset ring may take at most this
/// share of the output's bytes (rings beyond it cost more than they save).
std::vector<InplaceCandidate> inplace_candidates(const Graph& g, double ring_cap_fraction = 0.25);

}  // namespace tinyaot
