// tinyaot: NPU placement in the inspect text and the HTML page (see report_npu.h). Everything comes
// from the report's "npu" member, so inspect, --report and --report-html show the same decision.
#include "compiler/report/report_npu.h"

#include <fmt/format.h>

#include "compiler/report/report.h"

namespace tinyaot {

using nlohmann::json;

namespace {

/// "~1234" for an estimate, "-" when unknown (a Vela command stream's work is not known to us).
std::string cycles_text(const json& v) { return v.is_null() ? "-" : fmt::format("~{}", v.get<int64_t>()); }

std::string ids_text(const json& ids) {
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "t" : ", t") + std::to_string(id.get<int>());
  return s.empty() ? "-" : s;
}

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

/// The placement entry of schedule step `step` (entries are in schedule order).
const json* placement_at(const json& npu, std::size_t step) {
  const json& p = npu["placement"];
  return step < p.size() ? &p[step] : nullptr;
}

}  // namespace

std::string render_placement_text(const json& r) {
  if (!r.contains("npu")) return "";
  const json& n = r["npu"];
  const bool vela = n["vela"].get<bool>();
  std::string o = fmt::format("\nNPU placement for {} (CPU {}): {}, {} on the NPU, {} on the CPU\n",
                              n["npu"].get<std::string>(), n["target"].get<std::string>(),
                              plural(n["partitions"].size(), "partition"), plural(n["npu_ops"].get<std::size_t>(), "op"),
                              n["cpu_ops"].get<std::size_t>());
  if (vela)
    o += "  the model was compiled by Vela: its command streams' cycles are not estimated\n";
  else
    o += fmt::format("  estimate: ~{} cycles per invoke with the NPU ({}), ~{} on the CPU alone\n",
                     n["with_npu_cycles"].get<int64_t>(), plural(n["partitions"].size(), "driver call"),
                     n["cpu_only_cycles"].get<int64_t>());
  for (const auto& p : n["partitions"]) {
    o += fmt::format("  npu{}: {}, {} MACs", p["index"].get<int>(), plural(p["ops"].size(), "op"),
                     p["macs"].get<int64_t>());
    if (!vela) o += fmt::format(", ~{} NPU cycles (~{} on the CPU)", p["npu_cycles"].get<int64_t>(), p["cpu_cycles"].get<int64_t>());
    o += fmt::format("; in {}; out {}\n", ids_text(p["inputs"]), ids_text(p["outputs"]));
  }
  o += "\nplacement (step, op index, type, where, partition, est. NPU cycles, est. CPU cycles, reason)\n";
  for (const auto& e : n["placement"]) {
    const bool on_npu = !e["partition"].is_null();
    o += fmt::format("  {:>3} op{:<3} {:<22} {:<3} {:<5} {:>10} {:>10}  {}\n", e["step"].get<int>(), e["index"].get<int>(),
                     e["type"].get<std::string>(), on_npu ? "NPU" : "CPU", on_npu ? e["where"].get<std::string>() : "-",
                     cycles_text(e["npu_cycles"]), cycles_text(e["cpu_cycles"]), e["reason"].get<std::string>());
  }
  return o;
}

std::string placement_summary_html(const json& r) {
  if (!r.contains("npu")) return "";
  const json& n = r["npu"];
  std::string v = fmt::format("{} (CPU {}): {}, {} on the NPU, {} on the CPU", html_escape(n["npu"].get<std::string>()),
                              html_escape(n["target"].get<std::string>()), plural(n["partitions"].size(), "partition"),
                              plural(n["npu_ops"].get<std::size_t>(), "op"), n["cpu_ops"].get<std::size_t>());
  std::string s = "<dt>NPU</dt><dd>" + v + "</dd>\n";
  if (!n["vela"].get<bool>())
    s += fmt::format("<dt>est. cycles</dt><dd>~{} per invoke with the NPU, ~{} on the CPU alone</dd>\n",
                     n["with_npu_cycles"].get<int64_t>(), n["cpu_only_cycles"].get<int64_t>());
  return s;
}

std::string placement_head_html(const json& r) {
  if (!r.contains("npu")) return "";
  return "<th>placement</th><th>est. NPU cycles</th><th>est. CPU cycles</th><th>reason</th>";
}

std::string placement_cells_html(const json& r, std::size_t step) {
  if (!r.contains("npu")) return "";
  const json* e = placement_at(r["npu"], step);
  if (e == nullptr) return "<td></td><td></td><td></td><td></td>";
  const bool on_npu = !(*e)["partition"].is_null();
  const auto num = [](const json& v) { return v.is_null() ? std::string("&#8211;") : std::to_string(v.get<int64_t>()); };
  return fmt::format("<td class=\"{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td>",
                     on_npu ? "npu" : "cpu", on_npu ? "NPU " + html_escape((*e)["where"].get<std::string>()) : "CPU",
                     num((*e)["npu_cycles"]), num((*e)["cpu_cycles"]), html_escape((*e)["reason"].get<std::string>()));
}

std::string placement_foot_html(const json& r) {
  if (!r.contains("npu")) return "";
  return "<td></td><td></td><td></td><td></td>";
}

}  // namespace tinyaot
