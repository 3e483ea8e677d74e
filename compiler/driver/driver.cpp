// tinyaot: compile(): read -> pipeline -> emit -> write, with every Error located in the model file.
#include "compiler/driver/driver.h"

#include <cctype>
#include <filesystem>
#include <string_view>

#include <fmt/format.h>

#include "compiler/driver/output_dir.h"
#include "compiler/driver/pipeline.h"
#include "compiler/driver/pool_options.h"
#include "compiler/emit/emitter.h"
#include "compiler/ethosu/vela_handoff.h"
#include "compiler/reader/reader.h"
#include "compiler/report/report.h"
#include "compiler/support/error.h"
#include "passes/partition_report.h"
#include "targets/npu/npu_config.h"

namespace tinyaot {

std::string sanitize_identifier(const std::string& stem) {
  std::string s;
  for (char c : stem) s += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) s = "m_" + s;
  return s;
}

namespace {

/// The file name as it may appear in a comment of the emitted code. A name is any bytes on Linux, and a
/// newline, backslash, "*/", "/*" or trigraph in it would end the comment, inject code or warn; so only
/// letters, digits and -_.+@ and space are kept, anything else becomes '_'.
std::string comment_safe(const std::string& file_name) {
  std::string s;
  for (char c : file_name) {
    const bool keep =
        std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-_.+@ ").find(c) != std::string_view::npos;
    s += keep ? c : '_';
  }
  return s;
}

}  // namespace

CompileResult compile(const CompileOptions& opts) {
  const std::filesystem::path model(opts.model_path);
  const std::string name = opts.name.empty() ? sanitize_identifier(model.stem().string()) : opts.name;
  if (sanitize_identifier(name) != name)
    throw Error(ErrorKind::kUsage, "--name must be a C++ identifier (letters, digits, '_'): '" + name + "'");
  if (!opts.emit_vela_dir.empty() && opts.npu.empty())
    throw Error(ErrorKind::kUsage, "--emit-vela needs --npu (the NPU configuration to partition for)");
  check_pool_options(opts);
  try {
    Graph g = read_model(opts.model_path);
    g.pools = opts.pools;  // plan-memory assigns buffers to them
    PipelineOptions popts;
    popts.dump_after = opts.dump_after;
    popts.pass.npu = opts.npu;
    popts.pass.target = opts.target;
    popts.pass.npu_cpu_ops = opts.npu_cpu_ops;
    // --trace reports every tensor, so a patch stack's intermediates (never materialised) must exist.
    popts.pass.patch = opts.trace ? "off" : opts.patch;
    popts.pass.fuse_input_transpose = opts.fuse_input_transpose && !opts.trace;
    run_pipeline(g, popts);
    const PartitionSummary partitions = summarize_partitions(g, opts.npu, opts.target);
    if (opts.max_arena_bytes != 0 && g.arena_size > opts.max_arena_bytes)
      throw Error(ErrorKind::kDoesNotFit,
                  fmt::format("the model needs an arena of {} bytes, more than the limit of {} bytes", g.arena_size,
                              opts.max_arena_bytes));
    EmitOptions eopts;
    eopts.name = name;
    eopts.model_file = comment_safe(model.filename().string());
    eopts.trace = opts.trace;
    eopts.alignment = popts.pass.alignment;
    eopts.c_api = opts.c_api;
    eopts.weights_section = opts.weights_section;
    // An empty target (a library caller that never set one) is the generic core; an unknown name throws kUsage.
    eopts.kernel_isa = opts.target.empty() ? KernelIsa::kGeneric : kernel_isa(opts.target);
    EmittedFiles files = emit_model(g, eopts);
    nlohmann::json report = build_report(g, files, {name, opts.model_path, opts.target, popts.pass.alignment});
    if (!opts.npu.empty()) report["npu"] = partition_report_json(g, partitions);
    ethosu::VelaHandoff vela;  // before the sources, so a failed hand-off leaves out_dir untouched
    if (!opts.emit_vela_dir.empty())
      vela = ethosu::write_vela_handoff(g, opts.model_path, partitions, require_npu(opts.npu), opts.emit_vela_dir, name);
    if (!opts.out_dir.empty()) write_output_dir(opts.out_dir, files.files);
    write_reports(report, opts.report_json, opts.report_html);  // after the sources: they matter more
    CompileResult r;
    r.macs = files.macs + g.patch_extra_macs;
    r.extra_macs = g.patch_extra_macs;
    r.report = report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!opts.npu.empty()) r.partition_report = partition_report_text(g, partitions);
    r.vela_files = vela.files;
    r.name = name;
    r.arena_size = g.arena_size;
    r.arena_bound = g.arena_bound;
    r.pools = g.pools;
    r.planner = g.arena_planner;
    r.weight_bytes = files.weight_bytes;
    for (const auto& [rel, text] : files.files) r.files.push_back(rel);
    return r;
  } catch (Error& e) {
    if (e.file().empty() && e.kind() != ErrorKind::kUsage) e.in_file(opts.model_path);
    throw;
  }
}

}  // namespace tinyaot
