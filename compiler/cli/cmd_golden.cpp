// tinyaot CLI: `tinyaot golden MODEL (--input F... --expect F... | --vectors DIR) [--tolerance N]`:
// compile, build for the host, run, compare. Exit 0 only when every output matches (docs/golden.md).
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <sstream>

#include "compiler/cli/cli.h"
#include "compiler/golden/golden.h"

namespace tinyaot::cli {

namespace {

int report(const golden::GoldenOptions& o, const golden::GoldenResult& r, const Verbosity& v) {
  using golden::GoldenStatus;
  if (r.status == GoldenStatus::kBuildFailed || r.status == GoldenStatus::kRunFailed) {
    std::fprintf(stderr, "tinyaot: error: %s: %s\n", o.compile.model_path.c_str(), r.message.c_str());
    return golden::kExitHostFailure;
  }
  const bool ok = r.status == GoldenStatus::kMatch;
  std::FILE* out = ok ? stdout : stderr;
  if (!ok || !v.quiet)
    std::fprintf(out, "tinyaot golden: %s (namespace %s): %zu record%s, %zu output%s\n", o.compile.model_path.c_str(),
                 r.compiled.name.c_str(), r.records, r.records == 1 ? "" : "s", r.diffs.size(),
                 r.diffs.size() == 1 ? "" : "s");
  std::size_t failed = 0;
  for (const auto& d : r.diffs) {
    failed += d.ok() ? 0 : 1;
    if (!d.ok() || !v.quiet) std::fprintf(out, "  %s\n", golden::format_diff(d, o.tolerance).c_str());
  }
  if (ok) {
    if (!v.quiet) std::printf("tinyaot golden: PASS: every output matches\n");
    return 0;
  }
  std::fprintf(stderr, "tinyaot golden: FAIL: %zu of %zu outputs differ from the expected values\n", failed,
               r.diffs.size());
  return golden::kExitMismatch;
}

}  // namespace

Command add_golden_command(CLI::App& app, const Verbosity& v) {
  auto o = std::make_shared<golden::GoldenOptions>();
  auto flags = std::make_shared<std::string>("-O2");
  CLI::App* cmd = app.add_subcommand(
      "golden", "Compile, build for the host, run on test vectors and compare with the expected outputs");
  add_model_options(*cmd, o->compile);
  cmd->add_option("--input", o->inputs,
                  "Input file (.bin raw or .npy): one per model input, or one with all inputs concatenated; "
                  "N records back to back give N runs")
      ->expected(1)
      ->allow_extra_args(false)
      ->take_all();
  cmd->add_option("--expect", o->expects, "Expected output file(s), laid out like the inputs")
      ->expected(1)
      ->allow_extra_args(false)
      ->take_all();
  cmd->add_option("--vectors", o->vectors_dir, "Folder of input_<k>/output_<k> pairs (.bin or .npy)");
  cmd->add_option("--tolerance", o->tolerance, "Largest accepted difference per element (default 0: exact)");
  cmd->add_flag("--float-input", o->float_inputs,
                "Raw .bin inputs hold float32 values: quantize them with each input's scale and zero point");
  cmd->add_flag("--keep-state", o->keep_state,
                "Reset the model only before the first record, so state carries over a recorded stream");
  cmd->add_option("--work-dir", o->work_dir, "Build here and keep the files (default: a temporary folder)");
  cmd->add_option("--cxx", o->cxx, "Host C++ compiler command (default: $CXX, else c++)");
  cmd->add_option("--cxxflags", *flags, "Flags for the host build (default: -O2)");
  cmd->add_option("--timeout", o->timeout_s, "Seconds allowed for the host build and for the run (default 900)");
  cmd->fallthrough();
  return {cmd, [o, flags, &v] {
            std::istringstream in(*flags);
            o->cxxflags.clear();
            for (std::string w; in >> w;) o->cxxflags.push_back(w);
            const auto progress = [&v](const std::string& line) {
              if (v.verbose) std::printf("tinyaot golden: %s\n", line.c_str());
              std::fflush(stdout);
            };
            return report(*o, golden::run_golden(*o, progress), v);
          }};
}

}  // namespace tinyaot::cli
