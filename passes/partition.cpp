// tinyaot: pass partition (see partition.h).
#include "passes/partition.h"

#include <fmt/format.h>

#include <cstdlib>

#include "compiler/ethosu/cop1.h"
#include "compiler/ethosu/ethosu_op.h"
#include "compiler/support/error.h"
#include "targets/cpus.h"
#include "targets/npu/npu_cost.h"
#include "targets/npu/npu_rules.h"

namespace tinyaot {

namespace {

/// Entries of --npu-cpu-ops: "#7" / "7" name an op index, anything else a builtin name.
bool forced_to_cpu(const Op& op, const std::vector<std::string>& list) {
  for (const std::string& s : list) {
    const std::string digits = !s.empty() && s[0] == '#' ? s.substr(1) : s;
    if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos) {
      if (std::atoi(digits.c_str()) == op.index) return true;
    } else if (s == op.type()) {
      return true;
    }
  }
  return false;
}

void check_forced_list(const Graph& g, const std::vector<std::string>& list) {
  for (const std::string& s : list) {
    bool used = false;
    for (const Op& op : g.ops) used |= forced_to_cpu(op, {s});
    if (!used)
      throw Error(ErrorKind::kUsage,
                  fmt::format("--npu-cpu-ops entry '{}' matches no op of the model (give builtin names such as "
                              "SOFTMAX or op indices such as #7)",
                              s));
  }
}

/// A Vela-compiled model: each command stream must be for `npu`; the other ops stay on the CPU.
void place_vela_model(Graph& g, const NpuConfig& npu) {
  int k = 0;
  for (Op& op : g.ops) {
    if (ethosu::is_ethosu_op(op)) {
      ethosu::check_header_matches(g, op, npu);
      op.npu_partition = k++;
      op.placement_reason = fmt::format("Vela command stream for {}", npu.name);
    } else {
      op.placement_reason = "left on the CPU by Vela";
    }
  }
}

void place_run(Graph& g, std::size_t begin, std::size_t end, int& next_partition, const NpuConfig& npu,
               const CpuInfo& cpu) {
  int64_t cpu_cycles = 0, npu_cycles = 0;
  for (std::size_t s = begin; s < end; ++s) {
    const LayerCost c = layer_cost(npu, cpu, g, g.ops[s]);
    cpu_cycles += c.cpu_cycles;
    npu_cycles += c.npu_cycles;
  }
  const std::size_t n = end - begin;
  if (cpu_cycles <= npu_cycles + kDriverRoundTripCycles) {
    const std::string why = fmt::format(
        "supported, but a run of {} op{} is cheaper on the CPU: ~{} CPU cycles vs ~{} NPU cycles + ~{} for the "
        "driver round trip",
        n, n == 1 ? "" : "s", cpu_cycles, npu_cycles, kDriverRoundTripCycles);
    for (std::size_t s = begin; s < end; ++s) g.ops[s].placement_reason = why;
    return;
  }
  const int k = next_partition++;
  for (std::size_t s = begin; s < end; ++s) {
    g.ops[s].npu_partition = k;
    g.ops[s].placement_reason = fmt::format("supported by {}", npu.name);
  }
}

}  // namespace

bool has_vela_ops(const Graph& g) {
  for (const Op& op : g.ops)
    if (ethosu::is_ethosu_op(op)) return true;
  return false;
}

void Partition::run(Graph& g, const PassOptions& opts) {
  for (Op& op : g.ops) {
    op.npu_partition = -1;
    op.placement_reason.clear();
  }
  if (opts.npu.empty()) {
    for (const Op& op : g.ops)
      if (ethosu::is_ethosu_op(op)) {
        const std::string cfg = ethosu::header_config_name(ethosu::op_header(g, op));
        throw Error(ErrorKind::kUsage,
                    fmt::format("the model was compiled by Vela for {}: compile it with --npu {} (and the CPU "
                                "target, e.g. --target cortex-m55)",
                                cfg, cfg))
            .at_op(op.index, op.type())
            .in_file(g.source);
      }
    if (!opts.npu_cpu_ops.empty()) throw Error(ErrorKind::kUsage, "--npu-cpu-ops needs --npu");
    return;
  }
  const NpuConfig& npu = require_npu(opts.npu);
  const CpuInfo& cpu = require_cpu(opts.target);
  if (has_vela_ops(g)) {
    if (!opts.npu_cpu_ops.empty())
      throw Error(ErrorKind::kUsage, "--npu-cpu-ops does not apply to a model Vela already compiled");
    place_vela_model(g, npu);
    return;
  }
  check_forced_list(g, opts.npu_cpu_ops);
  std::vector<bool> ok(g.ops.size(), false);
  for (std::size_t s = 0; s < g.ops.size(); ++s) {
    Op& op = g.ops[s];
    if (forced_to_cpu(op, opts.npu_cpu_ops)) {
      op.placement_reason = "kept on the CPU by --npu-cpu-ops";
      continue;
    }
    const RuleResult r = npu_supports(npu, g, op);
    ok[s] = r.ok;
    if (!r.ok) op.placement_reason = "not supported by " + std::string(npu.name) + ": " + r.reason;
  }
  int next = 0;
  for (std::size_t s = 0; s < g.ops.size();) {
    if (!ok[s]) {
      ++s;
      continue;
    }
    std::size_t e = s;
    while (e < g.ops.size() && ok[e]) ++e;
    place_run(g, s, e, next, npu, cpu);
    s = e;
  }
}

}  // namespace tinyaot
