// tinyaot: pass place-concat.
// A CONCATENATION whose slices are contiguous in its output (every dimension before the axis is 1) needs
// no copy: each input can live inside the output's buffer at its slice, so its producer writes there
// directly and the concatenation emits no code. This saves both the copy and the inputs' own buffers.
#pragma once

#include "passes/pass.h"

namespace tinyaot {

/// Points every input of each eligible concatenation at its slice of the output (Tensor::alias_of) and
/// marks the op Op::placed. All inputs or none: a partly placed concatenation would still copy.
class PlaceConcat : public Pass {
 public:
  std::string_view name() const override { return "place-concat"; }
  void run(Graph& g, const PassOptions& opts) override;
};

/// The byte offset of every input inside the output of concatenation `op` when all of them can be placed
/// there, else an empty vector (the reasons are in place_concat.cpp); exposed for tests.
std::vector<std::size_t> concat_placement(const Graph& g, const Op& op);

}  // namespace tinyaot
