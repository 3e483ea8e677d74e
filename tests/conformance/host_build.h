// tinyaot conformance: building the emitted code + host harness with the host C++ compiler, and running it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tinyaot::conformance {

/// Outcome of one child process.
struct RunResult {
  int exit_code = -1;      ///< exit status, or 128 + signal number
  bool timed_out = false;  ///< killed after the time limit
  double seconds = 0;
  std::string log;  ///< its stdout + stderr (truncated to the last 8 KiB)

  bool ok() const { return exit_code == 0 && !timed_out; }
};

/// Runs argv[0] (looked up in PATH) with stdout and stderr sent to `log_file`; kills its whole process
/// group after `timeout_s` seconds so a hanging model cannot stall the suite.
RunResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& log_file, int timeout_s);

/// Where conformance tests write emitted code, binaries and outputs: $TINYAOT_CONFORMANCE_WORK, else the
/// build tree's folder (TINYAOT_CONFORMANCE_WORK_DEFAULT).
std::filesystem::path work_root();

/// The host compiler command: $TINYAOT_HOST_CXX (split at spaces, so "ccache g++" works) or the compiler
/// CMake used for tinyaot.
std::vector<std::string> host_cxx();

/// Compiles every .cpp in `out_dir` + the host harness for model namespace `name` into `exe`, with
/// `-std=c++17 -O2 -Wall -Wextra -Werror -I out_dir` (+ -DTINYAOT_TRACE when `trace`, + $TINYAOT_HOST_CXXFLAGS).
/// The compiler output goes to exe + ".log" and into the result.
RunResult build_harness(const std::filesystem::path& out_dir, const std::string& name, bool trace,
                        const std::filesystem::path& exe);

/// The command line build_harness() runs, as one string (for failure messages and the docs).
std::string build_command(const std::filesystem::path& out_dir, const std::string& name, bool trace,
                          const std::filesystem::path& exe);

}  // namespace tinyaot::conformance
