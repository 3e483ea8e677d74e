// tinyaot: the text form of the compile report, printed by `tinyaot inspect`.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/report/report.h"
#include "compiler/report/report_npu.h"

namespace tinyaot {

using nlohmann::json;

namespace {

std::string shape_text(const json& t) {
  std::string s;
  for (const auto& d : t["shape"]) s += (s.empty() ? "" : ",") + std::to_string(d.get<int>());
  return t["dtype"].get<std::string>() + "[" + s + "]";
}

std::string quant_text(const json& t) {
  if (!t.contains("scale")) return "-";
  if (t["scale"].is_array()) return fmt::format("per-channel({}, axis {})", t["scale"].size(), t["quantized_axis"].get<int>());
  return fmt::format("{:.6g},{}", t["scale"].get<double>(), t["zero_point"].get<int64_t>());
}

std::string steps_text(const json& j) {
  if (j["first"].is_null()) return "-";
  return fmt::format("{}..{}", j["first"].get<int>(), j["last"].get<int>());
}

std::string offset_text(const json& j) {
  return j["offset"].is_null() ? "-" : std::to_string(j["offset"].get<std::size_t>());
}

std::size_t offset_key(const json& j) {
  return j["offset"].is_null() ? static_cast<std::size_t>(-1) : j["offset"].get<std::size_t>();
}

std::string ids_text(const json& ids) {
  std::string s;
  for (const auto& id : ids) s += (s.empty() ? "" : ",") + std::to_string(id.get<int>());
  return "[" + s + "]";
}

}  // namespace

std::string render_text(const json& r) {
  std::string o;
  const json& arena = r["arena"];
  o += fmt::format("model {} (namespace {}, target {})\n", r["model"].get<std::string>(),
                   r["name"].get<std::string>(), r["target"].get<std::string>());
  o += fmt::format("{} ops, {} tensors, {} MACs, weights {} bytes, arena {} bytes (lower bound {}, {}-byte aligned)\n",
                   r["ops"].size(), r["tensors"].size(), r["macs"].get<int64_t>(), r["weight_bytes"].get<std::size_t>(),
                   arena["size"].get<std::size_t>(), arena["bound"].get<std::size_t>(),
                   arena["alignment"].get<std::size_t>());

  o += "\noperators (step, op index, type, inputs -> outputs, MACs, weight bytes, scratch, live arena bytes)\n";
  for (const auto& op : r["ops"]) {
    o += fmt::format("  {:>3} op{:<3} {:<22} {} -> {}  macs={} weights={} scratch={} live={}{}\n",
                     op["step"].get<int>(), op["index"].get<int>(), op["type"].get<std::string>(),
                     ids_text(op["inputs"]), ids_text(op["outputs"]), op["macs"].get<int64_t>(),
                     op["weight_bytes"].get<std::size_t>(), op["scratch_bytes"].get<std::size_t>(),
                     op["live_bytes"].get<std::size_t>(), op["view"].get<bool>() ? " (view: no code)" : "");
    if (!op["attrs"].get<std::string>().empty()) o += "        " + op["attrs"].get<std::string>() + "\n";
  }

  o += "\ntensors (id, kind, type, bytes, scale,zero point, arena offset, live steps, name)\n";
  for (const auto& t : r["tensors"]) {
    std::string extra;
    if (!t["alias_of"].is_null())
      extra = fmt::format(" (view of t{} +{})", t["alias_of"].get<int>(), t["alias_offset"].get<std::size_t>());
    o += fmt::format("  t{:<4} {:<10} {:<22} {:>8} {:<24} @{:<8} {:<8} '{}'{}\n", t["id"].get<int>(),
                     t["kind"].get<std::string>(), shape_text(t), t["bytes"].get<std::size_t>(), quant_text(t),
                     offset_text(t), steps_text(t), t["name"].get<std::string>(), extra);
  }

  o += fmt::format("\nmemory plan: {} buffers in an arena of {} bytes (offset, size, live steps, buffer)\n",
                   r["buffers"].size(), arena["size"].get<std::size_t>());
  std::vector<const json*> bufs;
  for (const auto& b : r["buffers"]) bufs.push_back(&b);
  std::stable_sort(bufs.begin(), bufs.end(), [](const json* a, const json* b) {
    return offset_key(*a) < offset_key(*b);
  });
  for (const json* b : bufs) {
    std::string views;
    if (b->contains("views") && !(*b)["views"].empty()) views = " views " + ids_text((*b)["views"]);
    o += fmt::format("  {:>8} {:>8}  {:<8} {:<10} {}{}\n", offset_text(*b), (*b)["size"].get<std::size_t>(),
                     steps_text(*b), (*b)["kind"].get<std::string>(), (*b)["label"].get<std::string>(), views);
  }
  o += render_placement_text(r);  // with --npu: where each op runs and why
  return o;
}

}  // namespace tinyaot
