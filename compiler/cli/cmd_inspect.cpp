// tinyaot CLI: `tinyaot inspect MODEL [--json]`: operators with their parameters, tensors, MACs, weight
// bytes and the memory plan, without writing any source; with --npu also every op's placement (NPU
// partition or CPU, the reason, estimated cycles on each). The text and the JSON come from the same
// report as `compile --report` (compiler/report/report.h), so the three never disagree.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>

#include "compiler/cli/cli.h"
#include "compiler/report/report.h"

namespace tinyaot::cli {

Command add_inspect_command(CLI::App& app, const Verbosity& v) {
  struct Opts {
    CompileOptions compile;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Show a model's operators, tensors, MACs and memory plan (with --npu: every op's NPU placement)");
  add_model_options(*cmd, o->compile);
  cmd->add_option("--npu-cpu-ops", o->compile.npu_cpu_ops, "With --npu: keep these ops on the CPU (SOFTMAX, #7, ...)")
      ->delimiter(',');
  cmd->add_flag("--json", o->json, "Print the report as JSON (the format of compile --report)");
  cmd->fallthrough();
  return {cmd, [o, &v] {
            (void)v;  // inspect prints its result even with --quiet: that is what it was asked for
            const CompileResult r = compile(o->compile);  // no out_dir: nothing is written
            const nlohmann::json report = nlohmann::json::parse(r.report);
            const std::string text = o->json ? report.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
                                             : render_text(report);
            std::fwrite(text.data(), 1, text.size(), stdout);
            return 0;
          }};
}

}  // namespace tinyaot::cli
