// tinyaot: the HTML report (templates/report.html.tpl): a summary, the memory-plan SVG and tables of
// layers (with each layer's NPU placement when compiled with --npu) and tensors. One file, no scripts or external resources, so it can be attached to a CI run.
#include <fmt/format.h>

#include "compiler/emit/template.h"
#include "compiler/report/report.h"
#include "compiler/report/report_npu.h"

namespace tinyaot {

using nlohmann::json;

namespace {

std::string num(const json& j) { return j.is_null() ? "&#8211;" : j.dump(); }

std::string steps(const json& j) {
  return j["first"].is_null() ? "&#8211;" : fmt::format("{}&#8211;{}", j["first"].get<int>(), j["last"].get<int>());
}

std::string type_text(const json& t) {
  std::string dims;
  for (const auto& d : t["shape"]) dims += (dims.empty() ? "" : ",") + std::to_string(d.get<int>());
  return t["dtype"].get<std::string>() + "[" + dims + "]";
}

std::string quant_text(const json& t) {
  if (!t.contains("scale")) return "&#8211;";
  if (t["scale"].is_array()) return fmt::format("per-channel ({} scales)", t["scale"].size());
  return fmt::format("{:.6g}, {}", t["scale"].get<double>(), t["zero_point"].get<int64_t>());
}

std::string summary(const json& r) {
  const json& a = r["arena"];
  const auto row = [](const std::string& k, const std::string& v) { return "<dt>" + k + "</dt><dd>" + v + "</dd>\n"; };
  std::string s;
  s += row("arena", fmt::format("{} bytes ({}-byte aligned)", a["size"].get<std::size_t>(),
                                a["alignment"].get<std::size_t>()));
  s += row("lower bound", fmt::format("{} bytes (largest live set)", a["bound"].get<std::size_t>()));
  s += row("weights", fmt::format("{} bytes", r["weight_bytes"].get<std::size_t>()));
  s += row("MACs", fmt::format("{}", r["macs"].get<int64_t>()));
  s += row("operators", fmt::format("{} ({} steps)", r["ops"].size(), a["steps"].get<int>()));
  s += row("tensors", fmt::format("{} ({} arena buffers)", r["tensors"].size(), r["buffers"].size()));
  return s;
}

}  // namespace

std::string render_html(const json& r) {
  std::string layers;
  for (const auto& op : r["ops"]) {
    layers += fmt::format(
        "<tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td>"
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"attrs\">{}</td>{}</tr>\n",
        op["step"].get<int>(), op["index"].get<int>(), html_escape(op["type"].get<std::string>()),
        html_escape(op["output_desc"].get<std::string>()), op["macs"].get<int64_t>(),
        op["weight_bytes"].get<std::size_t>(), op["scratch_bytes"].get<std::size_t>(),
        op["live_bytes"].get<std::size_t>(),
        html_escape(op["attrs"].get<std::string>() + (op["view"].get<bool>() ? " (view: no code)" : "")),
        placement_cells_html(r, op["step"].get<std::size_t>()));
  }
  std::string tensors;
  for (const auto& t : r["tensors"]) {
    std::string kind = t["kind"].get<std::string>();
    if (!t["alias_of"].is_null()) kind += fmt::format(" (view of t{})", t["alias_of"].get<int>());
    tensors += fmt::format(
        "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td>"
        "<td class=\"n\">{}</td><td>{}</td></tr>\n",
        t["id"].get<int>(), html_escape(t["name"].get<std::string>()), html_escape(kind), type_text(t),
        t["bytes"].get<std::size_t>(), quant_text(t), num(t["offset"]), steps(t));
  }
  TemplateVars v = {
      {"version", html_escape(r["tinyaot_version"].get<std::string>())},
      {"model", html_escape(r["model"].get<std::string>())},
      {"name", html_escape(r["name"].get<std::string>())},
      {"target", html_escape(r["target"].get<std::string>())},
      {"summary", summary(r) + placement_summary_html(r)},
      {"placement_head", placement_head_html(r)},
      {"placement_foot", placement_foot_html(r)},
      {"svg", render_memory_svg(r)},
      {"layer_rows", layers},
      {"tensor_rows", tensors},
      {"macs", std::to_string(r["macs"].get<int64_t>())},
      {"weight_bytes", std::to_string(r["weight_bytes"].get<std::size_t>())},
      {"arena_bound", std::to_string(r["arena"]["bound"].get<std::size_t>())},
  };
  return render_embedded("report.html.tpl", v);
}

}  // namespace tinyaot
