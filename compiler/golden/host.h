// tinyaot golden: running the host C++ compiler and the built program as child processes, with a log
// file and a time limit, so a hung build or model cannot hang a CI job.
#pragma once

#include <string>
#include <vector>

namespace tinyaot::golden {

/// Outcome of one child process.
struct ProcessResult {
  int exit_code = -1;      ///< exit status, or 128 + signal number; 127 when it could not be started
  bool timed_out = false;  ///< killed after the time limit
  std::string log;         ///< its stdout + stderr (the last 8 KiB)

  bool ok() const { return exit_code == 0 && !timed_out; }
};

/// Runs argv (argv[0] looked up in PATH) with stdout and stderr going to `log_file`; kills its process
/// group after `timeout_s` seconds.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& log_file, int timeout_s);

/// The host compiler command: `override` if non-empty, else $CXX, else "c++"; split at spaces so
/// "ccache g++" works.
std::vector<std::string> host_cxx(const std::string& override_cmd);

/// argv as one shell-quoted line, for messages.
std::string command_line(const std::vector<std::string>& argv);

}  // namespace tinyaot::golden
