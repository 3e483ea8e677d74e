// tinyaot targets: the per-layer cycle estimates (see npu_cost.h).
#include "targets/npu/npu_cost.h"

#include <algorithm>
#include <cmath>

#include "compiler/ops/op_def.h"

namespace tinyaot {

namespace {

/// Fraction of peak MACs a dense convolution or FC keeps busy (block edges, weight decode).
constexpr double kDenseUtilisation = 0.75;

bool is_aliased_view(const Graph& g, const Op& op) {
  return op.def && op.def->is_view() && !op.outputs.empty() && g.tensor(op.outputs[0]).alias_of >= 0;
}

int64_t cycles(double v) { return static_cast<int64_t>(std::ceil(v)); }

}  // namespace

CpuRates cpu_rates(const CpuInfo& cpu) {
  // Rates of optimised (CMSIS-NN class) kernels on each ISA: Helium does 8 int8 MACs per beat, the DSP
  // extension 2 per SMLAD, plain Thumb one multiply-add plus loads. The reference kernels emitted today
  // are slower, which only makes offload look better.
  switch (kernel_isa(cpu)) {
    case KernelIsa::kMve: return {0.35, 1.0, 150};
    case KernelIsa::kDsp: return {1.0, 3.0, 150};
    case KernelIsa::kGeneric: break;
  }
  return {3.0, 6.0, 150};
}

LayerCost layer_cost(const NpuConfig& npu, const CpuInfo& cpu, const Graph& g, const Op& op) {
  LayerCost c;
  if (!op.def || is_aliased_view(g, op)) return c;  // no code, no NPU work (Vela folds reshapes too)
  c.macs = op.def->macs(g, op);
  int64_t out_elems = 0, bytes = 0;
  for (int id : op.outputs) {
    out_elems += g.tensor(id).num_elements();
    bytes += static_cast<int64_t>(g.tensor(id).bytes());
  }
  for (int id : op.inputs)
    if (id >= 0) bytes += static_cast<int64_t>(g.tensor(id).bytes());  // weights are read once too

  const std::string type = op.type();
  const double util = type == "DEPTHWISE_CONV_2D" ? npu.depthwise_efficiency : kDenseUtilisation;
  const double cpe = (type == "ADD" || type == "SUB") ? npu.out_cycles_per_elem_addsub : npu.out_cycles_per_elem;
  const double mac_cycles = c.macs > 0 ? static_cast<double>(c.macs) / (npu.macs * util) : 0.0;
  const double out_cycles = static_cast<double>(out_elems) * cpe;
  const double bus_cycles = static_cast<double>(bytes) / npu.bus_bytes_per_cycle;
  c.npu_cycles = cycles(std::max({mac_cycles, out_cycles, bus_cycles})) + kNpuLayerLatency;

  const CpuRates r = cpu_rates(cpu);
  c.cpu_cycles = cycles(static_cast<double>(c.macs) * r.cycles_per_mac + static_cast<double>(out_elems) * r.cycles_per_elem) +
                 r.per_layer;
  return c;
}

}  // namespace tinyaot
