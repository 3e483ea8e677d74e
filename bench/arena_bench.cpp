// tinyaot: arena benchmark. Compiles every real model that has golden data with tinyaot::compile(), times
// it, and compares our arena (kArenaSize) and its lower bound with TFLite Micro's 32-bit arena from the
// golden manifests. Prints a table; --json also writes the numbers. See docs/memory.md.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compiler/driver/driver.h"
#include "compiler/support/error.h"
#include "bench/planner_table.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Row {
  std::string model;
  bool ok = false;
  std::string error;
  std::size_t arena = 0, bound = 0, weights = 0;
  std::optional<std::size_t> tflm_arena, tflm_activations;  // from the manifest, when present
  double compile_ms = 0;
  std::string planner;  // the memory planner whose plan won
  std::string model_path;
  // Patch-based execution (docs/patch-execution.md): our arena with --patch off, and the MACs recomputed.
  std::size_t arena_no_patch = 0;
  int64_t macs = 0, extra_macs = 0;
};

fs::path shared_dir() {
  if (const char* env = std::getenv("TINYAOT_SHARED"); env && *env) return env;
  return fs::path(TINYAOT_SOURCE_DIR) / ".." / "shared";
}

std::optional<std::size_t> number_at(const json& j, std::initializer_list<const char*> path) {
  const json* p = &j;
  for (const char* key : path) {
    if (!p->is_object() || !p->contains(key)) return std::nullopt;
    p = &(*p)[key];
  }
  if (!p->is_number_unsigned() && !p->is_number_integer()) return std::nullopt;
  return p->get<std::size_t>();
}

/// One model: TFLM numbers from its manifest, then the best of `repeat` compiles into `tmp`.
Row bench_model(const fs::path& shared, const fs::path& manifest_path, const fs::path& tmp, int repeat) {
  Row r;
  r.model = manifest_path.parent_path().filename().string();
  json m;
  try {
    std::ifstream in(manifest_path);
    m = json::parse(in);
  } catch (const std::exception& e) {
    r.error = fmt::format("cannot read {}: {}", manifest_path.string(), e.what());
    return r;
  }
  r.tflm_arena = number_at(m, {"armhf32_crosscheck", "arena_used_bytes"});
  r.tflm_activations = number_at(m, {"armhf32_crosscheck", "recording_allocator", "non_persistent_head_bytes"});
  const std::string file = m.value("model", r.model + ".tflite");

  tinyaot::CompileOptions opts;
  opts.model_path = (shared / "models" / file).string();
  r.model_path = opts.model_path;
  opts.out_dir = (tmp / r.model).string();
  double best = 0;
  for (int i = 0; i < repeat; ++i) {
    try {
      const auto t0 = std::chrono::steady_clock::now();
      const tinyaot::CompileResult res = tinyaot::compile(opts);
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      best = i == 0 ? ms : std::min(best, ms);
      r.arena = res.arena_size;
      r.bound = res.arena_bound;
      r.macs = res.macs;
      r.extra_macs = res.extra_macs;
      r.weights = res.weight_bytes;
      r.planner = res.planner;
      r.ok = true;
    } catch (const tinyaot::Error& e) {
      r.error = e.reason();  // the file is the model: keep the row short
      if (e.op_index() >= 0) r.error = fmt::format("op {} ({}): {}", e.op_index(), e.op_type(), e.reason());
      return r;
    } catch (const std::exception& e) {
      r.error = e.what();
      return r;
    }
  }
  r.compile_ms = best;
  // Once more without patches (untimed): `bound` stays the bound of the stored op order with every tensor
  // whole, the number patch-based execution is measured against.
  try {
    opts.patch = "off";
    const tinyaot::CompileResult off = tinyaot::compile(opts);
    r.arena_no_patch = off.arena_size;
    r.bound = off.arena_bound;
  } catch (const std::exception& e) {
    r.ok = false;
    r.error = fmt::format("with --patch off: {}", e.what());
  }
  return r;
}

std::string opt_num(const std::optional<std::size_t>& v) { return v ? std::to_string(*v) : "-"; }

double ratio(const Row& r) { return r.ok && r.tflm_arena ? double(r.arena) / double(*r.tflm_arena) : 0.0; }

void print_table(const std::vector<Row>& rows) {
  fmt::print("{:<24} {:>10} {:>10} {:>10} {:>10} {:>7} {:>10} {:>10} {:>10} {:>16}  {}\n", "model", "arena", "bound",
             "tflm32", "tflm32-act", "ours/tf", "weights", "compile-ms", "no-patch", "extra-MACs", "planner");
  for (const Row& r : rows) {
    if (!r.ok) {
      fmt::print("{:<24} {:>10} {:>10} {:>10} {:>10}  FAILED: {}\n", r.model, "-", "-", opt_num(r.tflm_arena),
                 opt_num(r.tflm_activations), r.error);
      continue;
    }
    const int64_t base_macs = r.macs - r.extra_macs;
    const std::string extra = fmt::format("{} ({:.1f}%)", r.extra_macs,
                                          base_macs > 0 ? 100.0 * double(r.extra_macs) / double(base_macs) : 0.0);
    fmt::print("{:<24} {:>10} {:>10} {:>10} {:>10} {:>7} {:>10} {:>10.1f} {:>10} {:>16}  {}\n", r.model, r.arena,
               r.bound, opt_num(r.tflm_arena), opt_num(r.tflm_activations),
               r.tflm_arena ? fmt::format("{:.3f}", ratio(r)) : "-", r.weights, r.compile_ms, r.arena_no_patch, extra,
               r.planner);
  }
}

json to_json(const std::vector<Row>& rows) {
  json out = json::array();
  for (const Row& r : rows) {
    json j = {{"model", r.model}, {"ok", r.ok}};
    if (r.tflm_arena) j["tflm32_arena_bytes"] = *r.tflm_arena;
    if (r.tflm_activations) j["tflm32_activation_bytes"] = *r.tflm_activations;
    if (r.ok) {
      j["arena_bytes"] = r.arena;
      j["arena_bound_bytes"] = r.bound;
      j["weight_bytes"] = r.weights;
      j["compile_ms"] = r.compile_ms;
      j["planner"] = r.planner;
      j["arena_no_patch_bytes"] = r.arena_no_patch;
      j["macs"] = r.macs;
      j["extra_macs"] = r.extra_macs;
      if (r.tflm_arena) j["ratio_to_tflm32"] = ratio(r);
    } else {
      j["error"] = r.error;
    }
    out.push_back(std::move(j));
  }
  return out;
}

int usage(const char* argv0) {
  std::cerr << "usage: " << argv0 << " [--json OUT.json] [--repeat N] [--check] [--planners] [MODEL...]\n"
            << "  Models default to every golden/<name>/manifest.json under $TINYAOT_SHARED (default ../shared).\n"
            << "  --check: exit 1 if a compiled model's arena is larger than TFLM's 32-bit arena.\n"
            << "  --planners: also print every planner's arena on each model's plain buffers.\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string json_path;
  int repeat = 3;
  bool check = false, planners = false;
  std::vector<std::string> only;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json" && i + 1 < argc) json_path = argv[++i];
    else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--check") check = true;
    else if (a == "--planners") planners = true;
    else if (a.rfind("--", 0) == 0) return usage(argv[0]);
    else only.push_back(a);
  }

  const fs::path shared = shared_dir();
  std::vector<fs::path> manifests;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(shared / "golden", ec)) {
    const fs::path m = entry.path() / "manifest.json";  // golden/ops/ has none: single-op models, skipped
    const std::string name = entry.path().filename().string();
    if (fs::exists(m) && (only.empty() || std::find(only.begin(), only.end(), name) != only.end()))
      manifests.push_back(m);
  }
  if (ec || manifests.empty()) {
    std::cerr << "no models found under " << (shared / "golden").string() << " (set TINYAOT_SHARED)\n";
    return 1;
  }
  std::sort(manifests.begin(), manifests.end());

  const fs::path tmp = fs::temp_directory_path() / fmt::format("tinyaot_arena_bench_{}", ::getpid());
  std::vector<Row> rows;
  for (const fs::path& m : manifests) rows.push_back(bench_model(shared, m, tmp, repeat));
  fs::remove_all(tmp, ec);

  print_table(rows);
  int compiled = 0, larger = 0;
  for (const Row& r : rows) {
    compiled += r.ok;
    larger += r.ok && r.tflm_arena && r.arena > *r.tflm_arena;
  }
  fmt::print("compiled {}/{} models; {} with an arena larger than TFLM's 32-bit arena\n", compiled, rows.size(),
             larger);
  if (planners) {
    std::vector<std::string> names, paths;
    for (const Row& r : rows)
      if (r.ok) names.push_back(r.model), paths.push_back(r.model_path);
    print_planner_table(names, paths);
  }
  if (!json_path.empty()) {
    std::ofstream out(json_path);
    out << to_json(rows).dump(2) << "\n";
    if (!out) {
      std::cerr << "cannot write " << json_path << "\n";
      return 1;
    }
  }
  return check && larger > 0 ? 1 : 0;
}
