// tinyaot: command-line entry point. Subcommands are small functions; every failure becomes one message
// on stderr and the exit code of its ErrorKind (docs/cli.md).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "compiler/driver/driver.h"
#include "compiler/driver/pipeline.h"
#include "compiler/support/error.h"

namespace {

struct Verbosity {
  bool quiet = false;
  bool verbose = false;
};

int run_compile(const tinyaot::CompileOptions& o, const Verbosity& v) {
  const tinyaot::CompileResult r = tinyaot::compile(o);
  if (!v.quiet) {
    std::printf("tinyaot: compiled %s -> %s (namespace %s)\n", o.model_path.c_str(), o.out_dir.c_str(),
                r.name.c_str());
    std::printf("  arena %zu bytes (lower bound %zu), weights %zu bytes, %zu files\n", r.arena_size, r.arena_bound,
                r.weight_bytes, r.files.size());
    if (v.verbose)
      for (const auto& f : r.files) std::printf("  %s\n", f.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tinyaot: ahead-of-time compiler from quantized TFLite models to standalone C++"};
  app.set_version_flag("--version", std::string("tinyaot ") + TINYAOT_VERSION);
  app.require_subcommand(1);
  Verbosity verb;
  app.add_flag("-q,--quiet", verb.quiet, "Print nothing but errors");
  app.add_flag("-v,--verbose", verb.verbose, "Print more detail");

  tinyaot::CompileOptions copts;
  std::string pass_help = "Print the IR to stderr after this pass:";
  for (const auto& [n, s] : tinyaot::pass_names()) pass_help += "\n  " + n + ": " + s;
  CLI::App* compile = app.add_subcommand("compile", "Compile a .tflite model into a folder of C++ sources");
  compile->add_option("model", copts.model_path, "The .tflite model")->required();
  compile->add_option("-o,--output", copts.out_dir, "Output folder (replaced atomically)")->required();
  compile->add_option("--name", copts.name, "C++ namespace and file stem (default: the model's file stem)");
  compile->add_option("--target", copts.target, "CPU target (default: generic)");
  compile->add_flag("--trace", copts.trace, "Call <name>_trace(tensor, data, bytes) after every op");
  compile->add_option("--dump-after", copts.dump_after, pass_help);
  compile->fallthrough();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : tinyaot::exit_code(tinyaot::ErrorKind::kUsage);
  }
  try {
    if (*compile) return run_compile(copts, verb);
  } catch (const tinyaot::Error& e) {
    std::fprintf(stderr, "tinyaot: error: %s\n", e.what());
    return tinyaot::exit_code(e.kind());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinyaot: internal error: %s\n", e.what());
    return tinyaot::exit_code(tinyaot::ErrorKind::kInternal);
  }
  return 0;
}
