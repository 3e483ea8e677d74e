// tinyaot: building the compile report (see report.h) from a planned graph.
#include "compiler/report/report.h"

#include <algorithm>
#include <climits>
#include <fstream>

#include "compiler/ops/op_def.h"
#include "compiler/support/error.h"
#include "passes/lifetimes.h"

namespace tinyaot {

using nlohmann::json;

namespace {

const char* tensor_kind(const Graph& g, const Tensor& t) {
  if (t.is_variable) return "variable";
  if (t.is_const) return "constant";
  if (g.is_graph_input(t.id)) return "input";
  if (g.is_graph_output(t.id)) return "output";
  if (t.alias_of >= 0) return "view";
  return "activation";
}

json offset_or_null(std::size_t off) { return off == kNoOffset ? json(nullptr) : json(off); }

/// Each tensor's own lifetime in op steps [first, last]; {INT_MAX, -1} when never used.
std::vector<std::pair<int, int>> own_lifetimes(const Graph& g) {
  std::vector<std::pair<int, int>> life(g.tensors.size(), {INT_MAX, -1});
  auto touch = [&](int id, int step) {
    auto& l = life[static_cast<std::size_t>(id)];
    l.first = std::min(l.first, step);
    l.second = std::max(l.second, step);
  };
  for (int id : g.inputs) touch(id, 0);
  for (std::size_t s = 0; s < g.ops.size(); ++s) {
    for (int id : g.ops[s].inputs)
      if (id >= 0) touch(id, static_cast<int>(s));
    for (int id : g.ops[s].outputs) touch(id, static_cast<int>(s));
  }
  for (int id : g.outputs) touch(id, step_count(g) - 1);
  return life;
}

json tensor_json(const Graph& g, const Tensor& t, std::pair<int, int> life) {
  json j = {{"id", t.id},          {"name", t.name},   {"dtype", dtype_name(t.type)},
            {"shape", t.shape},    {"bytes", t.bytes()}, {"kind", tensor_kind(g, t)},
            {"offset", offset_or_null(t.arena_offset)}};
  if (t.quant.present()) {
    j["scale"] = t.quant.per_channel() ? json(t.quant.scale) : json(t.quant.s());
    j["zero_point"] = t.quant.per_channel() ? json(t.quant.zero_point) : json(t.quant.zp());
    if (t.quant.per_channel()) j["quantized_axis"] = t.quant.axis;
  }
  const bool planned = !t.is_const || t.is_variable;
  j["first"] = planned && life.second >= 0 ? json(life.first) : json(nullptr);
  j["last"] = planned && life.second >= 0 ? json(life.second) : json(nullptr);
  j["alias_of"] = t.alias_of >= 0 ? json(t.alias_of) : json(nullptr);
  if (t.alias_of >= 0) j["alias_offset"] = t.alias_offset;
  if (!g.pools.empty() && t.arena_offset != kNoOffset) j["pool"] = t.arena_pool;  // --pool: offset is in it
  return j;
}

}  // namespace

json build_report(const Graph& g, const EmittedFiles& files, const ReportInfo& info) {
  json r;
  r["tinyaot_version"] = TINYAOT_VERSION;
  r["schema"] = kReportSchema;
  r["model"] = info.model_file;
  r["name"] = info.name;
  r["target"] = info.target;
  r["description"] = g.description;
  r["inputs"] = g.inputs;
  r["outputs"] = g.outputs;

  // Buffers as the planner placed them; views share their storage's box.
  json buffers = json::array();
  std::vector<std::size_t> live(static_cast<std::size_t>(step_count(g)), 0);
  for (const ArenaBuffer& b : arena_buffers(g)) {
    json j = {{"size", b.request.size}, {"first", b.request.first}, {"last", b.request.last}};
    if (b.kind == BufferKind::kScratch) {
      const Op& op = g.ops[static_cast<std::size_t>(b.id)];
      j["kind"] = "scratch";
      j["op_step"] = b.id;
      j["label"] = "scratch of op " + std::to_string(op.index) + " (" + op.type() + ")";
      j["offset"] = offset_or_null(op.scratch_offset);
      if (!g.pools.empty()) j["pool"] = op.scratch_pool;
    } else {
      const Tensor& t = g.tensor(b.id);
      j["kind"] = b.kind == BufferKind::kVariable ? "variable" : tensor_kind(g, t);
      j["tensor"] = t.id;
      j["label"] = "t" + std::to_string(t.id) + " " + t.name;
      j["offset"] = offset_or_null(t.arena_offset);
      if (!g.pools.empty()) j["pool"] = t.arena_pool;
      json views = json::array();
      for (const Tensor& v : g.tensors)
        if (v.alias_of >= 0 && &g.storage(v.id) == &t) views.push_back(v.id);
      j["views"] = views;
    }
    // Aligned, as the planner counts them: the largest live set is then the lower bound.
    for (int s = b.request.first; s <= b.request.last; ++s)
      live[static_cast<std::size_t>(s)] += align_up(b.request.size, info.alignment);
    buffers.push_back(std::move(j));
  }
  r["buffers"] = std::move(buffers);

  const auto life = own_lifetimes(g);
  json tensors = json::array();
  for (const Tensor& t : g.tensors) tensors.push_back(tensor_json(g, t, life[static_cast<std::size_t>(t.id)]));
  r["tensors"] = std::move(tensors);

  json ops = json::array();
  int64_t total_macs = 0;
  for (std::size_t s = 0; s < g.ops.size(); ++s) {
    const Op& op = g.ops[s];
    const int64_t macs = op.def->macs(g, op);
    total_macs += macs;
    std::size_t weights = 0;
    for (int id : op.inputs)
      if (id >= 0 && g.tensor(id).is_const && !g.tensor(id).is_variable) weights += g.tensor(id).bytes();
    std::string out_desc;
    for (int id : op.outputs) out_desc += (out_desc.empty() ? "" : ", ") + describe(g.tensor(id));
    ops.push_back({{"step", s},
                   {"index", op.index},
                   {"type", op.type()},
                   {"attrs", op.attrs ? op.attrs->dump() : ""},
                   {"inputs", op.inputs},
                   {"outputs", op.outputs},
                   {"output_desc", out_desc},
                   {"macs", macs},
                   {"weight_bytes", weights},
                   {"scratch_bytes", op.scratch_bytes},
                   {"scratch_offset", offset_or_null(op.scratch_offset)},
                   {"view", op.def->is_view() && !op.outputs.empty() && g.tensor(op.outputs[0]).alias_of >= 0},
                   {"placed", op.placed},
                   {"fused", op.fused},
                   {"live_bytes", live[s]}});
  }
  r["ops"] = std::move(ops);
  r["macs"] = total_macs;
  r["weight_bytes"] = files.weight_bytes;
  r["arena"] = {{"size", g.arena_size},
                {"bound", g.arena_bound},
                {"alignment", info.alignment},
                {"steps", step_count(g)}};
  r["arena"]["planner"] = g.arena_planner;
  if (!g.pools.empty()) {  // --pool: "size" above is the first pool's
    json pools = json::array();
    for (const MemoryPool& p : g.pools)
      pools.push_back({{"name", p.name}, {"size", p.size}, {"capacity", p.capacity}, {"section", p.section}});
    r["arena"]["pools"] = std::move(pools);
  }
  return r;
}

void write_reports(const json& report, const std::string& json_path, const std::string& html_path) {
  auto write = [](const std::string& path, const std::string& text) {
    std::ofstream f(path, std::ios::binary);
    f << text;
    f.close();
    if (!f) throw Error(ErrorKind::kIo, "cannot write the report").in_file(path);
  };
  if (!json_path.empty()) write(json_path, report.dump(1, ' ', false, json::error_handler_t::replace) + "\n");
  if (!html_path.empty()) write(html_path, render_html(report));
}

std::string html_escape(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += static_cast<unsigned char>(c) < 32 && c != '\n' && c != '\t' ? '?' : c;
    }
  }
  return o;
}

}  // namespace tinyaot
