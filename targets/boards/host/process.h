// tinyaot board tools (host side): running a program with a time limit and capturing its output.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tinyaot::boards {

/// What a finished (or killed) child process left behind.
struct ProcessResult {
  int exit_code = -1;      ///< exit status; 128 + signal when killed by a signal; -1 if it never ran
  bool timed_out = false;  ///< killed after the time limit
  std::string out, err;    ///< captured stdout and stderr
};

/// Runs argv[0] (searched in PATH) with the arguments, in `cwd` (empty: the current directory), killing
/// it after `timeout_s` seconds (0: no limit). Output goes through files in `scratch_dir` (created), so
/// large outputs cannot dead-lock on a pipe.
ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          const std::filesystem::path& scratch_dir, double timeout_s);

/// Full path of an executable found in PATH (or `name` itself when it contains a '/' and exists);
/// empty when not found.
std::string find_program(const std::string& name);

/// One command line as text, for logs ("gcc -c a.c").
std::string command_text(const std::vector<std::string>& argv);

}  // namespace tinyaot::boards
