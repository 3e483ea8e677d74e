// tinyaot: the arena benchmark's planner table (see planner_table.h). Arenas are planner results, so
// they are exact numbers, not timings.
#include "bench/planner_table.h"

#include <fmt/format.h>

#include <exception>

#include "compiler/driver/pipeline.h"
#include "compiler/reader/reader.h"
#include "passes/exact_planner.h"
#include "passes/lifetimes.h"
#include "passes/plan_memory.h"

namespace {

/// The plain buffers of the model after the whole pipeline: scratch without in-place rings.
std::vector<tinyaot::BufferRequest> plain_buffers(const std::string& path) {
  tinyaot::Graph g = tinyaot::read_model(path);
  tinyaot::run_pipeline(g, {});
  for (tinyaot::Op& op : g.ops)
    if (op.inplace_ring > 0) op.scratch_bytes = op.inplace_ring_offset;
  std::vector<tinyaot::BufferRequest> out;
  for (const tinyaot::ArenaBuffer& b : tinyaot::arena_buffers(g)) out.push_back(b.request);
  return out;
}

}  // namespace

void print_planner_table(const std::vector<std::string>& names, const std::vector<std::string>& model_paths) {
  const std::size_t alignment = 16;
  std::vector<std::string> planners;
  for (const auto& p : tinyaot::make_planners(alignment)) planners.emplace_back(p->name());
  fmt::print("\nplanners on the plain buffers (no in-place execution), bytes:\n{:<24} {:>8} {:>10}", "model",
             "buffers", "bound");
  for (const std::string& p : planners) fmt::print(" {:>16}", p);
  fmt::print("  {:<16} {}\n", "winner", "exact");
  for (std::size_t m = 0; m < model_paths.size(); ++m) {
    std::vector<tinyaot::BufferRequest> bufs;
    try {
      bufs = plain_buffers(model_paths[m]);
    } catch (const std::exception& e) {
      fmt::print("{:<24} FAILED: {}\n", names[m], e.what());
      continue;
    }
    fmt::print("{:<24} {:>8} {:>10}", names[m], bufs.size(), tinyaot::live_bound(bufs, alignment));
    const tinyaot::ArenaPlan best = tinyaot::plan_buffers(bufs, alignment);
    for (const auto& p : tinyaot::make_planners(alignment)) {
      for (const tinyaot::BufferRequest& b : bufs) p->add_buffer(b.size, b.first, b.last);
      fmt::print(" {:>16}", tinyaot::align_up(p->total(), alignment));
    }
    tinyaot::ExactPlanner exact(alignment);
    for (const tinyaot::BufferRequest& b : bufs) exact.add_buffer(b.size, b.first, b.last);
    fmt::print("  {:<16} {} ({} work)\n", best.planner, exact.proved_optimal() ? "optimal" : "budget out",
               exact.work());
  }
}
