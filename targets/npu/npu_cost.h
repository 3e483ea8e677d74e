// tinyaot targets: the cost model behind the NPU/CPU split: a cycle estimate per layer on the NPU and on
// the CPU, and the fixed cost of one driver round trip. Simple by design (../shared/docs/ethos-u.md):
//   NPU cycles ~ max(MACs / (peak * utilisation), output elements * output-stage cycles,
//                    bytes moved / bus bytes per cycle) + per-layer latency
//   CPU cycles ~ MACs * cycles per MAC + output elements * cycles per element + per-layer overhead
// Both count cycles of one clock (CPU and NPU clocked alike, as on Corstone-300); only ratios matter to
// the partition decision, and the report shows the estimates, not measurements.
#pragma once

#include <cstdint>
#include <string>

#include "compiler/ir/graph.h"
#include "targets/cpus.h"
#include "targets/npu/npu_config.h"

namespace tinyaot {

/// Estimates for one op.
struct LayerCost {
  int64_t macs = 0;
  int64_t npu_cycles = 0;
  int64_t cpu_cycles = 0;
};

/// CPU cycles of one NPU call beyond the NPU's own work: reserve the driver, clean and invalidate the
/// data cache over the base addresses, program the NPU, take the interrupt, release.
inline constexpr int64_t kDriverRoundTripCycles = 4000;
/// NPU cycles to start one layer (command stream setup, pipeline fill).
inline constexpr int64_t kNpuLayerLatency = 100;

/// Cost of `op` on `npu` and on `cpu`. Views (aliased RESHAPE-like ops) cost nothing on either.
LayerCost layer_cost(const NpuConfig& npu, const CpuInfo& cpu, const Graph& g, const Op& op);

/// CPU cycles per MAC and per output element the model assumes for a core (for docs and reports).
struct CpuRates {
  double cycles_per_mac;
  double cycles_per_elem;
  int64_t per_layer;
};
CpuRates cpu_rates(const CpuInfo& cpu);

}  // namespace tinyaot
