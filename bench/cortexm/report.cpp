// tinyaot bench: rendering the Cortex-M comparison (Markdown table and JSON).
#include "bench/cortexm/report.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

namespace tinyaot::bench {
namespace {

// 1234567 -> "1,234,567".
std::string num(std::uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

std::string fixed(double v, int digits) {
  char b[32];
  std::snprintf(b, sizeof b, "%.*f", digits, v);
  return b;
}

std::string ratio(std::uint64_t theirs, std::uint64_t ours) {
  return ours == 0 || theirs == 0 ? "-" : fixed(static_cast<double>(theirs) / static_cast<double>(ours), 2) + "x";
}

std::uint64_t code_bytes(const Row& r) { return r.sizes.model_code + r.sizes.model_const; }
std::uint64_t flash_excl_weights(const Row& r) { return r.sizes.flash_total - r.sizes.weights; }

nlohmann::json anchor_json(const TflmRun* t) {
  if (!t) return nullptr;
  return {{"insns_invoke", t->insns}, {"macs", t->macs}, {"flash_excl_model", t->flash_runtime},
          {"model_flatbuffer", t->model_bytes}, {"arena_used", t->arena_used}, {"stack_used", t->stack_used},
          {"ram_data_bss", t->ram_data_bss}};
}

}  // namespace

std::string core_short_name(const BoardInfo& b) {
  const std::string c(b.cpu);
  return c.rfind("cortex-", 0) == 0 ? c.substr(7) : c;
}

std::string markdown_table(const std::vector<Row>& rows, const Anchors& anchors) {
  std::string s =
      "| model | board | MACs | insns/invoke | insns/MAC | TFLM ref | TFLM CMSIS-NN | vs ref | vs CMSIS-NN | "
      "code | flash excl. weights (TFLM ref / CMSIS-NN) | weights (TFLM .tflite) | arena (TFLM) | "
      "stack (TFLM) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|\n";
  for (const Row& r : rows) {
    const std::string core = core_short_name(*r.board);
    s += "| " + r.model + " | " + std::string(r.board->name) + " (" + core + ", " +
         std::string(kernel_isa_name(r.kernels)) + ") | ";
    if (r.status != "ok") {
      s += r.status + " | | | | | | | | | | | |\n";
      continue;
    }
    const TflmRun* ref = find_anchor(anchors, r.model, core, "ref");
    const TflmRun* cm = find_anchor(anchors, r.model, core, "cmsis");
    s += (r.macs ? num(r.macs) : "-") + " | " + num(r.insns) + " | " +
         (r.macs ? fixed(static_cast<double>(r.insns) / static_cast<double>(r.macs), 3) : "-") + " | " +
         (ref ? num(ref->insns) : "-") + " | " + (cm ? num(cm->insns) : "-") + " | " +
         ratio(ref ? ref->insns : 0, r.insns) + " | " + ratio(cm ? cm->insns : 0, r.insns) + " | " +
         num(code_bytes(r)) + " | " + num(flash_excl_weights(r)) + " (" +
         (ref ? num(ref->flash_runtime) : "-") + " / " + (cm ? num(cm->flash_runtime) : "-") + ") | " +
         num(r.sizes.weights) + " (" + (ref ? num(ref->model_bytes) : "-") + ") | " + num(r.arena) + " (" +
         (ref ? num(ref->arena_used) : "-") + ") | " + num(r.stack_invoke) + " (" +
         (ref ? num(ref->stack_used) : "-") + ") |\n";
  }
  std::string per_op;
  for (const Row& r : rows) {
    if (r.per_op.empty()) continue;
    std::map<std::string, std::uint64_t> by_type;
    std::uint64_t total = 0;
    for (const auto& [type, n] : r.per_op) {
      by_type[type] += n;
      total += n;
    }
    per_op += "- " + r.model + " on " + std::string(r.board->name) + ":";
    for (const auto& [type, n] : by_type)
      per_op += " " + type + " " + num(n) + " (" + fixed(100.0 * static_cast<double>(n) / static_cast<double>(total ? total : 1), 1) + "%)";
    per_op += "\n";
  }
  if (!per_op.empty()) s += "\nInstructions by op type (--per-op; the trace calls add a few per op):\n\n" + per_op;
  s += "\nvs ref / vs CMSIS-NN: TFLM instructions divided by ours (above 1: tinyaot runs fewer).\n"
       "code: the generated model code with its inlined kernels and parameter constants.\n"
       "flash excl. weights: the whole firmware minus the weight arrays (code, board support, libc), "
       "compared with TFLM's flash without the model flatbuffer.\n"
       "arena: kArenaSize vs TFLM arena_used_bytes; stack: deepest stack below the caller during invoke() "
       "vs TFLM's whole-program peak.\n";
  return s;
}

std::string json_report(const std::vector<Row>& rows, const Anchors& anchors, const boards::ArmTools& tools) {
  nlohmann::json j;
  j["meta"] = {
      {"what", "tinyaot generated code on QEMU Cortex-M boards vs TFLM (shared/anchors/tflm_cortexm.json, -O2)"},
      {"insns", "guest instructions from tinyaot_mark_begin() to tinyaot_mark_end() around one invoke(), seed 1"},
      {"compiler", tools.gxx},
      {"flags", "-O2 -ffunction-sections -fdata-sections -fno-exceptions -fno-rtti; link --gc-sections nano.specs"},
      {"qemu", tools.qemu}};
  nlohmann::json arr = nlohmann::json::array();
  for (const Row& r : rows) {
    const std::string core = core_short_name(*r.board);
    nlohmann::json o = {{"model", r.model}, {"board", std::string(r.board->name)}, {"core", core},
                        {"cpu", std::string(r.board->cpu)}, {"kernels", std::string(kernel_isa_name(r.kernels))},
                        {"status", r.status}};
    if (r.status != "ok") {
      o["detail"] = r.detail.substr(0, 2000);
    } else {
      o["macs"] = r.macs;
      o["insns_invoke"] = r.insns;
      o["insns_per_mac"] = r.macs ? static_cast<double>(r.insns) / static_cast<double>(r.macs) : 0.0;
      o["golden_output_match"] = r.golden_match;
      o["flash"] = {{"total", r.sizes.flash_total}, {"model_code", r.sizes.model_code},
                    {"model_const", r.sizes.model_const}, {"weights", r.sizes.weights},
                    {"board_support_and_libc", r.sizes.support_flash},
                    {"excl_weights", flash_excl_weights(r)}};
      o["ram"] = {{"arena", r.arena}, {"stack_invoke", r.stack_invoke}, {"stack_program", r.stack_program},
                  {"arena_plus_stack", r.arena + r.stack_invoke}, {"model_static", r.sizes.model_ram},
                  {"board_support_static", r.sizes.support_ram}};
    }
    if (!r.per_op.empty()) {
      nlohmann::json ops = nlohmann::json::array();
      for (const auto& [type, n] : r.per_op) ops.push_back({{"op", type}, {"insns", n}});
      o["per_op"] = ops;
    }
    o["tflm_ref"] = anchor_json(find_anchor(anchors, r.model, core, "ref"));
    o["tflm_cmsis_nn"] = anchor_json(find_anchor(anchors, r.model, core, "cmsis"));
    arr.push_back(o);
  }
  j["results"] = arr;
  return j.dump(1) + "\n";
}

}  // namespace tinyaot::bench
