// tinyaot: pass partition: the NPU/CPU split for `--npu`.
// Every op is checked against the NPU's rules (targets/npu/npu_rules.h); maximal runs of consecutive
// supported ops (schedule order, so each run can execute as one unit between CPU ops) become NPU
// partitions, except runs the cost model (targets/npu/npu_cost.h) says are cheaper on the CPU than one
// driver round trip plus their NPU time. The result is recorded on every op (Op::npu_partition and
// Op::placement_reason) for dumps, reports and the Vela hand-off.
// A model Vela already compiled (`ethos-u` custom ops) is not re-partitioned: each command stream is
// checked against the chosen NPU instead, and the remaining ops stay on the CPU.
// Without --npu the pass does nothing (and refuses Vela-compiled models, which need --npu).
#pragma once

#include "passes/pass.h"

namespace tinyaot {

class Partition : public Pass {
 public:
  std::string_view name() const override { return "partition"; }
  void run(Graph& g, const PassOptions& opts) override;
};

/// True when the graph holds `ethos-u` ops (a Vela-compiled model).
bool has_vela_ops(const Graph& g);

}  // namespace tinyaot
