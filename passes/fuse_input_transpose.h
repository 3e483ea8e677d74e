// tinyaot: pass fuse-input-transpose.
// Models converted from NCHW frameworks often start with a TRANSPOSE of the input to NHWC. Copying the
// whole input costs its size again in RAM and a pass over it; instead the first convolution can read the
// NCHW input directly (runtime_min/tinyaot_rt/conv2d_nchw.h), and the transposed tensor becomes a view.
#pragma once

#include "passes/pass.h"

namespace tinyaot {

/// For each int8 TRANSPOSE with permutation [0, 2, 3, 1] of a graph input whose only reader is one CONV_2D
/// (as its input 0), both on the CPU: makes the TRANSPOSE's output a view of the input marked
/// Tensor::nchw (a plain view when there is one channel or one pixel: same bytes), and the TRANSPOSE
/// Op::fused (no code), unless the arena plan-memory then makes would be larger (the NCHW kernel runs neither
/// in place nor in a patch stack). Off when PassOptions::fuse_input_transpose is false or with memory pools.
class FuseInputTranspose : public Pass {
 public:
  std::string_view name() const override { return "fuse-input-transpose"; }
  void run(Graph& g, const PassOptions& opts) override;
};

/// True when the TRANSPOSE at `step` can be fused that way; exposed for tests.
bool can_fuse_input_transpose(const Graph& g, std::size_t step);

}  // namespace tinyaot
