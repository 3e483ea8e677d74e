// tinyaot: the partition report (see partition_report.h).
#include "passes/partition_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "compiler/ethosu/ethosu_op.h"
#include "targets/cpus.h"
#include "targets/npu/npu_cost.h"

namespace tinyaot {

namespace {

std::string ids_text(const Graph& g, const std::vector<int>& ids) {
  std::vector<std::string> v;
  for (int id : ids) v.push_back(fmt::format("t{} {}", id, describe(g.tensor(id))));
  return fmt::format("{}", fmt::join(v, ", "));
}

/// "CONV_2D x5, DEPTHWISE_CONV_2D x4" in first-appearance order.
std::string op_mix(const Graph& g, const std::vector<int>& steps) {
  std::vector<std::string> order;
  std::map<std::string, int> count;
  for (int s : steps) {
    const std::string t = g.ops[static_cast<std::size_t>(s)].type();
    if (count[t]++ == 0) order.push_back(t);
  }
  std::vector<std::string> parts;
  for (const std::string& t : order) parts.push_back(count[t] > 1 ? fmt::format("{} x{}", t, count[t]) : t);
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string range_text(const Graph& g, const std::vector<int>& steps) {
  const int a = g.ops[static_cast<std::size_t>(steps.front())].index, b = g.ops[static_cast<std::size_t>(steps.back())].index;
  return a == b ? fmt::format("op {}", a) : fmt::format("ops {}-{}", a, b);
}

}  // namespace

void partition_io(const Graph& g, const std::vector<int>& steps, std::vector<int>& inputs, std::vector<int>& outputs) {
  inputs.clear();
  outputs.clear();
  const std::set<int> inside(steps.begin(), steps.end());
  std::set<int> produced;
  for (int s : steps)
    for (int id : g.ops[static_cast<std::size_t>(s)].outputs) produced.insert(id);
  for (int s : steps)
    for (int id : g.ops[static_cast<std::size_t>(s)].inputs)
      if (id >= 0 && !g.tensor(id).is_const && !produced.count(id) &&
          std::find(inputs.begin(), inputs.end(), id) == inputs.end())
        inputs.push_back(id);
  for (int s : steps)
    for (int id : g.ops[static_cast<std::size_t>(s)].outputs) {
      bool used_outside = g.is_graph_output(id);
      for (std::size_t k = 0; k < g.ops.size() && !used_outside; ++k)
        if (!inside.count(static_cast<int>(k)))
          for (int in : g.ops[k].inputs) used_outside |= in == id;
      if (used_outside) outputs.push_back(id);
    }
}

PartitionSummary summarize_partitions(const Graph& g, const std::string& npu_name, const std::string& target) {
  PartitionSummary s;
  s.npu = npu_name;
  s.target = target;
  const NpuConfig* npu = find_npu(npu_name);
  const CpuInfo* cpu = find_cpu(target);
  for (std::size_t k = 0; k < g.ops.size(); ++k) {
    const Op& op = g.ops[k];
    s.vela |= ethosu::is_ethosu_op(op);
    const LayerCost c = npu && cpu ? layer_cost(*npu, *cpu, g, op) : LayerCost{};
    s.cpu_only_cycles += c.cpu_cycles;
    if (op.npu_partition < 0) {
      s.cpu_steps.push_back(static_cast<int>(k));
      s.with_npu_cycles += c.cpu_cycles;
      continue;
    }
    if (static_cast<int>(s.partitions.size()) <= op.npu_partition) s.partitions.resize(static_cast<std::size_t>(op.npu_partition) + 1);
    PartitionInfo& p = s.partitions[static_cast<std::size_t>(op.npu_partition)];
    p.index = op.npu_partition;
    p.steps.push_back(static_cast<int>(k));
    p.macs += c.macs;
    p.npu_cycles += ethosu::is_ethosu_op(op) ? 0 : c.npu_cycles;
    p.cpu_cycles += c.cpu_cycles;
  }
  for (PartitionInfo& p : s.partitions) {
    partition_io(g, p.steps, p.inputs, p.outputs);
    s.with_npu_cycles += p.npu_cycles + kDriverRoundTripCycles;
  }
  if (s.vela) s.cpu_only_cycles = s.with_npu_cycles = 0;  // the NPU's work is inside command streams
  return s;
}

std::string partition_report_text(const Graph& g, const PartitionSummary& s) {
  std::string o = fmt::format("NPU partitions for {} (CPU {}): {} partition{}, {} op{} on the NPU, {} on the CPU\n",
                              s.npu, s.target, s.partitions.size(), s.partitions.size() == 1 ? "" : "s",
                              g.ops.size() - s.cpu_steps.size(), g.ops.size() - s.cpu_steps.size() == 1 ? "" : "s",
                              s.cpu_steps.size());
  for (const PartitionInfo& p : s.partitions) {
    o += fmt::format("  npu{}: {} ({}), {} MACs", p.index, range_text(g, p.steps), op_mix(g, p.steps), p.macs);
    if (!s.vela) o += fmt::format(", ~{} NPU cycles (~{} on the CPU)", p.npu_cycles, p.cpu_cycles);
    o += fmt::format("\n        in: {}\n        out: {}\n", ids_text(g, p.inputs), ids_text(g, p.outputs));
  }
  // Consecutive CPU ops with the same reason share a line.
  for (std::size_t i = 0; i < s.cpu_steps.size();) {
    std::vector<int> run = {s.cpu_steps[i]};
    const std::string& why = g.ops[static_cast<std::size_t>(s.cpu_steps[i])].placement_reason;
    std::size_t j = i + 1;
    while (j < s.cpu_steps.size() && s.cpu_steps[j] == run.back() + 1 &&
           g.ops[static_cast<std::size_t>(s.cpu_steps[j])].placement_reason == why)
      run.push_back(s.cpu_steps[j++]);
    o += fmt::format("  cpu:  {} ({}): {}\n", range_text(g, run), op_mix(g, run), why);
    i = j;
  }
  if (!s.vela)
    o += fmt::format("  estimate: ~{} cycles per invoke with the NPU ({} driver call{}), ~{} on the CPU alone\n",
                     s.with_npu_cycles, s.partitions.size(), s.partitions.size() == 1 ? "" : "s", s.cpu_only_cycles);
  return o;
}

nlohmann::json partition_report_json(const Graph& g, const PartitionSummary& s) {
  nlohmann::json parts = nlohmann::json::array();
  for (const PartitionInfo& p : s.partitions) {
    nlohmann::json ops = nlohmann::json::array();
    for (int k : p.steps) ops.push_back(g.ops[static_cast<std::size_t>(k)].index);
    parts.push_back({{"index", p.index}, {"ops", ops}, {"inputs", p.inputs}, {"outputs", p.outputs},
                     {"macs", p.macs}, {"npu_cycles", p.npu_cycles}, {"cpu_cycles", p.cpu_cycles}});
  }
  // One entry per op in schedule order, with the estimates the decision used, so inspect and the HTML
  // page can show per layer why it runs where it does. A Vela command stream's work is unknown: null.
  const NpuConfig* npu = find_npu(s.npu);
  const CpuInfo* cpu = find_cpu(s.target);
  nlohmann::json placement = nlohmann::json::array();
  for (std::size_t k = 0; k < g.ops.size(); ++k) {
    const Op& op = g.ops[k];
    const LayerCost c = npu && cpu ? layer_cost(*npu, *cpu, g, op) : LayerCost{};
    const bool known = !s.vela && npu && cpu;
    placement.push_back({{"step", k}, {"index", op.index}, {"type", op.type()},
                         {"where", op.npu_partition >= 0 ? fmt::format("npu{}", op.npu_partition) : "cpu"},
                         {"partition", op.npu_partition >= 0 ? nlohmann::json(op.npu_partition) : nlohmann::json(nullptr)},
                         {"reason", op.placement_reason}, {"macs", c.macs},
                         {"npu_cycles", known ? nlohmann::json(c.npu_cycles) : nlohmann::json(nullptr)},
                         {"cpu_cycles", known ? nlohmann::json(c.cpu_cycles) : nlohmann::json(nullptr)}});
  }
  return {{"npu", s.npu}, {"target", s.target}, {"vela", s.vela}, {"partitions", parts}, {"placement", placement},
          {"npu_ops", g.ops.size() - s.cpu_steps.size()}, {"cpu_ops", s.cpu_steps.size()},
          {"cpu_only_cycles", s.cpu_only_cycles}, {"with_npu_cycles", s.with_npu_cycles},
          {"driver_round_trip_cycles", kDriverRoundTripCycles}};
}

}  // namespace tinyaot
