// tinyaot Ethos-U: the OfflineMemoryAllocation metadata of Vela-compiled models.
// The metadata is int32 words [version 0, number of subgraphs, number of tensors, arena offset per
// tensor], -1 meaning "plan at run time". Vela puts the scratch area and the NPU's input and output
// tensors at fixed offsets, because the command stream reaches them through region 1 (the scratch base)
// at those offsets: their placement relative to each other is mandatory.
// We keep it without a planner change: the tensors with an offset become views of one block (the tensor
// at the lowest offset, the scratch area in Vela's files) at their offset differences. The planner then
// places the block anywhere in the arena, keeps it alive while any member is, and everything else is
// planned around it as usual.
#pragma once

#include <optional>
#include <vector>

#include "compiler/ir/graph.h"

namespace tinyaot {
namespace tfl {
struct Model;
}

namespace ethosu {

/// The name of the metadata entry.
inline constexpr const char* kOfflineMetadataName = "OfflineMemoryAllocation";

/// The offsets of the model's OfflineMemoryAllocation metadata (one per tensor of `g`), or nullopt when
/// the model has none. Throws Error(kInvalidModel) when it is malformed or sized for another tensor count.
std::optional<std::vector<int32_t>> read_offline_offsets(const tfl::Model& model, const Graph& g);

/// Makes the non-constant tensors with an offset views of the lowest-offset one (ties: the largest, then
/// the lowest id) at their offset difference. Idempotent; tensors that already are views are left alone.
/// Returns the id of that block tensor, or -1 when no tensor has an offset.
int apply_offline_layout(Graph& g, const std::vector<int32_t>& offsets);

}  // namespace ethosu
}  // namespace tinyaot
