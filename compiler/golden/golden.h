// tinyaot golden: `tinyaot golden` as a library call. Compiles a model, builds the generated code with the
// host C++ compiler around a small main() (templates/golden_harness.cpp.tpl), runs it over test vectors
// and compares every output with the expected values. See docs/golden.md.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "compiler/driver/driver.h"
#include "compiler/golden/compare.h"

namespace tinyaot::golden {

struct GoldenOptions {
  CompileOptions compile;            ///< model_path, name, target...; out_dir is set by run_golden()
  std::vector<std::string> inputs;   ///< --input files (see load_records() for the layouts)
  std::vector<std::string> expects;  ///< --expect files
  std::string vectors_dir;           ///< --vectors: input_<k> / output_<k> pairs (.bin or .npy)
  double tolerance = 0;              ///< largest accepted |got - expected|, in the output's units
  bool float_inputs = false;         ///< raw .bin inputs are float32, quantized on loading
  bool keep_state = false;           ///< reset the model only before the first record, not before each
  std::string work_dir;              ///< where to build; "" = a temporary folder, removed afterwards
  std::string cxx;                   ///< host compiler command; "" = $CXX or c++
  std::vector<std::string> cxxflags = {"-O2"};  ///< flags after -std=c++17
  int timeout_s = 900;               ///< for the host build and for the run, each
};

enum class GoldenStatus { kMatch, kMismatch, kBuildFailed, kRunFailed };

/// Exit codes of `tinyaot golden` beyond those of docs/cli.md.
inline constexpr int kExitMismatch = 7;     ///< the outputs differ from the expected ones
inline constexpr int kExitHostFailure = 8;  ///< the generated code did not build or run on the host

struct GoldenResult {
  GoldenStatus status = GoldenStatus::kMatch;
  std::size_t records = 0;
  std::vector<OutputDiff> diffs;  ///< one per output (after a run)
  std::string message;            ///< for kBuildFailed / kRunFailed: the command and its output
  CompileResult compiled;
};

/// Runs the whole golden check. Problems with the command line or the files throw Error (kUsage, kIo,
/// or the compile's own errors); a failed host build or run, or differing outputs, are results.
/// `progress` receives one line per stage (for --verbose).
GoldenResult run_golden(const GoldenOptions& opts, const std::function<void(const std::string&)>& progress);

/// The model's inputs or outputs as described by a compile report (compiler/report/report.h).
std::vector<TensorSpec> specs_from_report(const std::string& report_json, bool outputs);

/// input_<k> / output_<k> pairs (.bin or .npy) of a folder, ordered by k. Throws Error(kUsage) when the
/// folder has none or an input has no output.
std::vector<std::pair<std::string, std::string>> find_vector_pairs(const std::string& dir);

}  // namespace tinyaot::golden
