// tinyaot bench: reading TFLM's anchor figures (only the fields the comparison prints).
#include "bench/cortexm/anchors.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace tinyaot::bench {

Anchors load_anchors(const std::filesystem::path& json_file) {
  Anchors out;
  std::ifstream f(json_file);
  if (!f) return out;
  const nlohmann::json j = nlohmann::json::parse(f, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("results")) return out;
  auto u64 = [](const nlohmann::json& r, const char* k) -> std::uint64_t {
    return r.contains(k) && r[k].is_number() ? r[k].get<std::uint64_t>() : 0;
  };
  for (const auto& r : j["results"]) {
    if (r.value("opt", "") != "-O2" || r.value("build", "") != "release") continue;
    TflmRun t;
    t.ok = r.value("status", "") == "ok";
    t.insns = u64(r, "insns_invoke1");
    t.macs = u64(r, "macs");
    t.flash_runtime = u64(r, "flash_runtime");
    t.model_bytes = u64(r, "flash_model");
    t.arena_used = u64(r, "arena_used_bytes");
    t.stack_used = u64(r, "stack_used");
    t.ram_data_bss = u64(r, "ram_data_bss");
    out[r.value("model", "") + "/" + r.value("core", "") + "/" + r.value("kernels", "")] = t;
  }
  return out;
}

const TflmRun* find_anchor(const Anchors& a, const std::string& model, const std::string& core,
                           const std::string& kernels) {
  const auto it = a.find(model + "/" + core + "/" + kernels);
  return it == a.end() || !it->second.ok ? nullptr : &it->second;
}

}  // namespace tinyaot::bench
