// tinyaot CLI: what the subcommand files share. Each subcommand adds itself to the CLI11 app and
// returns the function to run when it was chosen; main.cpp turns every Error into a message and the
// exit code of docs/cli.md.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "compiler/driver/driver.h"

namespace tinyaot::cli {

/// The global --quiet / --verbose flags.
struct Verbosity {
  bool quiet = false;
  bool verbose = false;
};

/// A registered subcommand: its CLI11 object and what to run (returns the exit code).
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

/// Options every model-taking subcommand has: the model, --name, --target, --npu.
void add_model_options(CLI::App& cmd, CompileOptions& o);

Command add_compile_command(CLI::App& app, const Verbosity& v);
Command add_inspect_command(CLI::App& app, const Verbosity& v);
Command add_golden_command(CLI::App& app, const Verbosity& v);

}  // namespace tinyaot::cli
