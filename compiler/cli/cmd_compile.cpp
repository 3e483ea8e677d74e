// tinyaot CLI: `tinyaot compile MODEL -o DIR [--c-api] [--report FILE] [--report-html FILE] [--pool ...] ...`.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "compiler/cli/cli.h"
#include "compiler/driver/pipeline.h"
#include "targets/cpus.h"

namespace tinyaot::cli {

Command add_compile_command(CLI::App& app, const Verbosity& v) {
  auto o = std::make_shared<CompileOptions>();
  auto pool_specs = std::make_shared<std::vector<std::string>>();
  std::string pass_help = "Print the IR to stderr after this pass:";
  for (const auto& [n, s] : pass_names()) pass_help += "\n  " + n + ": " + s;
  CLI::App* cmd = app.add_subcommand("compile", "Compile a .tflite model into a folder of C++ sources");
  add_model_options(*cmd, *o);
  cmd->add_option("-o,--output", o->out_dir, "Output folder (replaced atomically)")->required();
  cmd->add_flag("--trace", o->trace, "Call <name>_trace(tensor, data, bytes) after every op");
  cmd->add_flag("--c-api", o->c_api, "Also write NAME_c_api.h/.cpp: extern \"C\" functions for C firmware");
  cmd->add_option("--report", o->report_json, "Write the memory plan, MACs and sizes as JSON to this file");
  cmd->add_option("--report-html", o->report_html, "Write an HTML page with a picture of the memory plan");
  cmd->add_option("--dump-after", o->dump_after, pass_help);
  cmd->add_option("--emit-vela", o->emit_vela_dir, "With --npu: write each NPU partition as .tflite + the Vela command lines here");
  cmd->add_option("--npu-cpu-ops", o->npu_cpu_ops, "With --npu: keep these ops on the CPU (SOFTMAX, #7, ...)")->delimiter(',');
  cmd->add_option("--patch", o->patch, "Patch-based first stages: auto, off or output rows per tile (docs/patch-execution.md)");
  cmd->add_option("--max-arena", o->max_arena_bytes,
                  "Fail (exit 5) when the arena needs more than this many bytes (the part's free RAM)");
  cmd->add_option("--pool", *pool_specs,
                  "Memory pool NAME:BYTES[:SECTION], repeatable, first = fastest: one caller-owned arena each "
                  "(docs/memory.md)");
  cmd->add_option("--weights-section", o->weights_section, "Put every constant array in this linker section");
  cmd->fallthrough();
  return {cmd, [o, pool_specs, &v] {
            o->pools.clear();
            for (const std::string& spec : *pool_specs) o->pools.push_back(parse_pool(spec));
            const CompileResult r = compile(*o);
            // Without --max-arena the part's RAM is unknown; a typical part of the core is a useful hint
            // (targets/cpus.cpp). A warning, not an error: parts differ, and external RAM exists.
            const CpuInfo* cpu = find_cpu(o->target);
            if (cpu && cpu->typical_ram != 0 && o->max_arena_bytes == 0 && o->pools.empty() &&
                r.arena_size > cpu->typical_ram)
              std::fprintf(stderr,
                           "tinyaot: warning: %s: the arena needs %zu bytes, more than the %zu bytes of SRAM of a "
                           "typical %.*s part; give your part's free RAM with --max-arena to make this an error, or "
                           "place buffers with --pool\n",
                           o->model_path.c_str(), r.arena_size, cpu->typical_ram, static_cast<int>(cpu->name.size()),
                           cpu->name.data());
            if (v.quiet) return 0;
            std::printf("tinyaot: compiled %s -> %s (namespace %s)\n", o->model_path.c_str(), o->out_dir.c_str(),
                        r.name.c_str());
            std::printf("  arena %zu bytes (lower bound %zu), weights %zu bytes, %zu files\n", r.arena_size,
                        r.arena_bound, r.weight_bytes, r.files.size());
            for (const MemoryPool& p : r.pools)
              std::printf("  pool %s: %zu of %zu bytes%s%s\n", p.name.c_str(), p.size, p.capacity,
                          p.section.empty() ? "" : ", section ", p.section.c_str());
            std::fputs(r.partition_report.c_str(), stdout);
            for (const auto& f : r.vela_files) std::printf("  vela hand-off: %s/%s\n", o->emit_vela_dir.c_str(), f.c_str());
            if (v.verbose) {
              std::printf("  memory planner: %s\n", r.planner.c_str());
              std::printf("  %lld MACs per invoke\n", static_cast<long long>(r.macs));
              for (const auto& f : r.files) std::printf("  %s\n", f.c_str());
              if (!o->report_json.empty()) std::printf("  report: %s\n", o->report_json.c_str());
              if (!o->report_html.empty()) std::printf("  HTML report: %s\n", o->report_html.c_str());
            }
            return 0;
          }};
}

}  // namespace tinyaot::cli
