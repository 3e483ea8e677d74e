// tinyaot: the partition report: what the partition pass decided (Op::npu_partition, placement_reason),
// grouped into partitions with their I/O tensors and cycle estimates. Printed at compile time, put in
// the JSON report under "npu", and used by the Vela hand-off to cut the partitions out.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"

namespace tinyaot {

/// One NPU partition.
struct PartitionInfo {
  int index = -1;
  std::vector<int> steps;    ///< positions in Graph::ops, in order
  std::vector<int> inputs;   ///< tensors read from outside (not constants), in first-use order
  std::vector<int> outputs;  ///< tensors written inside and read outside (or graph outputs)
  int64_t macs = 0;
  int64_t npu_cycles = 0;    ///< estimate (0 for Vela command streams: their work is not known)
  int64_t cpu_cycles = 0;    ///< estimate of the same ops on the CPU
};

/// All partitions and the totals.
struct PartitionSummary {
  std::string npu, target;
  bool vela = false;                     ///< the model was compiled by Vela already
  std::vector<PartitionInfo> partitions;
  std::vector<int> cpu_steps;            ///< ops on the CPU
  int64_t cpu_only_cycles = 0;           ///< every op on the CPU
  int64_t with_npu_cycles = 0;           ///< CPU ops + partitions on the NPU + driver round trips
};

/// Non-constant tensors the ops at `steps` read from outside, and those they write that are read
/// outside or are graph outputs.
void partition_io(const Graph& g, const std::vector<int>& steps, std::vector<int>& inputs,
                  std::vector<int>& outputs);

/// The partitions recorded on `g` by the partition pass for `npu` (a --npu name) and CPU `target`.
PartitionSummary summarize_partitions(const Graph& g, const std::string& npu, const std::string& target);

/// Human-readable report: every partition and every CPU op with its reason, and the estimates.
std::string partition_report_text(const Graph& g, const PartitionSummary& s);

/// The same as JSON (the "npu" member of the compile report): the partitions, and "placement" with one
/// entry per op in schedule order (where, partition, reason, MACs, estimated NPU and CPU cycles).
nlohmann::json partition_report_json(const Graph& g, const PartitionSummary& s);

}  // namespace tinyaot
