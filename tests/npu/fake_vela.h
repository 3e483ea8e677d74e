// tinyaot tests: what Vela would write for our partitions, without Vela. The whole model with each NPU
// partition replaced by one `ethos-u` op: a well-formed COP1 command stream for the chosen NPU whose
// command words are {kFakeMagic, partition index} (so a stand-in driver knows which partition to run),
// a small read-only area, scratch and scratch_fast tensors, and OfflineMemoryAllocation metadata that puts
// scratch at 0 and every NPU input/output at its own 16-byte aligned offset inside it, as Vela does. The
// CPU ops are copied with their options.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "compiler/ir/graph.h"
#include "passes/partition_report.h"
#include "targets/npu/npu_config.h"

namespace tinyaot::npu_test {

/// First command word of a fake command stream ("TAOT").
inline constexpr uint32_t kFakeMagic = 0x544f4154;

/// The Vela-like model. `source` is the model `g` was read from; `s` its partitions.
std::vector<uint8_t> fake_vela_model(const Graph& g, std::span<const uint8_t> source, const PartitionSummary& s,
                                     const NpuConfig& npu);

}  // namespace tinyaot::npu_test
