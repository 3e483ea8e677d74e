// tinyaot conformance: child processes (host compiler, harness) with a log file and a time limit.
// fork/exec rather than std::system: no shell quoting of -D"..." values, and a hung child can be killed.
#include "host_build.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#ifndef TINYAOT_HOST_CXX_DEFAULT
#define TINYAOT_HOST_CXX_DEFAULT "c++"
#endif
#ifndef TINYAOT_HARNESS_SOURCE
#error "TINYAOT_HARNESS_SOURCE (path of host_harness.cpp) must be defined by the build"
#endif

#ifndef TINYAOT_CONFORMANCE_WORK_DEFAULT
#define TINYAOT_CONFORMANCE_WORK_DEFAULT "conformance_work"
#endif

namespace tinyaot::conformance {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> split_words(const std::string& s) {
  std::istringstream in(s);
  return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

std::string tail_of_file(const fs::path& p, std::size_t max_bytes) {
  std::ifstream in(p, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (s.size() > max_bytes) s = "...\n" + s.substr(s.size() - max_bytes);
  return s;
}

std::vector<std::string> build_argv(const fs::path& out_dir, const std::string& name, bool trace,
                                    const fs::path& exe) {
  std::vector<std::string> a = host_cxx();
  for (const char* f : {"-std=c++17", "-O2", "-Wall", "-Wextra", "-Werror"}) a.emplace_back(f);
  a.push_back("-I" + out_dir.string());
  a.push_back("-DTINYAOT_MODEL_HEADER=\"" + name + ".h\"");
  a.push_back("-DTINYAOT_MODEL_NS=" + name);
  if (trace) a.emplace_back("-DTINYAOT_TRACE");
  if (const char* extra = std::getenv("TINYAOT_HOST_CXXFLAGS"))
    for (auto& w : split_words(extra)) a.push_back(w);
  std::vector<std::string> sources;
  for (const auto& e : fs::directory_iterator(out_dir))
    if (e.path().extension() == ".cpp") sources.push_back(e.path().string());
  std::sort(sources.begin(), sources.end());
  a.insert(a.end(), sources.begin(), sources.end());
  a.emplace_back(TINYAOT_HARNESS_SOURCE);
  a.emplace_back("-o");
  a.push_back(exe.string());
  return a;
}

}  // namespace

std::filesystem::path work_root() {
  const char* env = std::getenv("TINYAOT_CONFORMANCE_WORK");
  return std::filesystem::path(env && *env ? env : TINYAOT_CONFORMANCE_WORK_DEFAULT);
}

std::vector<std::string> host_cxx() {
  const char* env = std::getenv("TINYAOT_HOST_CXX");
  std::vector<std::string> w = split_words(env && *env ? env : TINYAOT_HOST_CXX_DEFAULT);
  if (w.empty()) w.emplace_back("c++");
  return w;
}

RunResult run_process(const std::vector<std::string>& argv, const fs::path& log_file, int timeout_s) {
  RunResult r;
  const auto start = std::chrono::steady_clock::now();
  std::vector<char*> cargv;
  for (const auto& s : argv) cargv.push_back(const_cast<char*>(s.c_str()));
  cargv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    r.log = "fork failed";
    return r;
  }
  if (pid == 0) {
    setpgid(0, 0);  // own process group: a timeout kills the compiler's children too
    const int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execvp(cargv[0], cargv.data());
    const std::string msg = std::string("cannot run ") + cargv[0] + "\n";
    (void)!write(2, msg.data(), msg.size());
    _exit(127);
  }
  int status = 0;
  const auto deadline = start + std::chrono::seconds(timeout_s);
  for (;;) {
    const pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0) {
      status = -1;
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) r.exit_code = 128 + WTERMSIG(status);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.log = tail_of_file(log_file, 8192);
  return r;
}

RunResult build_harness(const fs::path& out_dir, const std::string& name, bool trace, const fs::path& exe) {
  fs::path log = exe;
  log += ".log";
  return run_process(build_argv(out_dir, name, trace, exe), log, 900);
}

std::string build_command(const fs::path& out_dir, const std::string& name, bool trace, const fs::path& exe) {
  std::string s;
  for (const auto& a : build_argv(out_dir, name, trace, exe)) {
    if (!s.empty()) s += ' ';
    s += a.find_first_of(" \"'") == std::string::npos ? a : "'" + a + "'";
  }
  return s;
}

}  // namespace tinyaot::conformance
