// tinyaot: command-line entry point. The subcommands live in cmd_*.cpp; every failure becomes one
// message on stderr and the exit code of its ErrorKind (docs/cli.md).
#include <fmt/format.h>

#include <cstdio>
#include <vector>

#include "compiler/cli/cli.h"
#include "compiler/support/error.h"

namespace tinyaot::cli {

void add_model_options(CLI::App& cmd, CompileOptions& o) {
  cmd.add_option("model", o.model_path, "The .tflite model")->required();
  cmd.add_option("--name", o.name, "C++ namespace and file stem (default: the model's file stem)");
  cmd.add_option("--target", o.target, "CPU target (default: generic)");
  cmd.add_option("--npu", o.npu, "Ethos-U NPU to partition for (ethos-u55-128, ethos-u65-256, ethos-u85-512, ...; docs/ethos-u.md)");
}

}  // namespace tinyaot::cli

int main(int argc, char** argv) {
  using namespace tinyaot::cli;
  CLI::App app{"tinyaot: ahead-of-time compiler from quantized TFLite models to standalone C++"};
  app.set_version_flag("--version", std::string("tinyaot ") + TINYAOT_VERSION);
  app.require_subcommand(1);
  Verbosity verb;
  app.add_flag("-q,--quiet", verb.quiet, "Print nothing but errors");
  app.add_flag("-v,--verbose", verb.verbose, "Print more detail");

  const std::vector<Command> commands = {add_compile_command(app, verb), add_inspect_command(app, verb),
                                         add_golden_command(app, verb)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : tinyaot::exit_code(tinyaot::ErrorKind::kUsage);
  }
  try {
    for (const Command& c : commands)
      if (*c.app) return c.run();
  } catch (const tinyaot::Error& e) {
    std::fprintf(stderr, "tinyaot: error: %s\n", e.what());
    return tinyaot::exit_code(e.kind());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinyaot: internal error: %s\n", e.what());
    return tinyaot::exit_code(tinyaot::ErrorKind::kInternal);
  }
  return 0;
}
