// tinyaot golden: child processes (see host.h). fork/exec rather than std::system: no shell quoting of
// arguments, and a child that hangs can be killed with its whole process group.
#include "compiler/golden/host.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

namespace tinyaot::golden {

namespace {

std::vector<std::string> split_words(const std::string& s) {
  std::istringstream in(s);
  return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

std::string tail_of_file(const std::string& p, std::size_t max_bytes) {
  std::ifstream in(p, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (s.size() > max_bytes) s = "...\n" + s.substr(s.size() - max_bytes);
  return s;
}

}  // namespace

std::vector<std::string> host_cxx(const std::string& override_cmd) {
  const char* env = std::getenv("CXX");
  std::vector<std::string> w = split_words(!override_cmd.empty() ? override_cmd : env && *env ? env : "c++");
  if (w.empty()) w.emplace_back("c++");
  return w;
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) {
    if (!s.empty()) s += ' ';
    s += a.find_first_of(" \"'$\\") == std::string::npos ? a : "'" + a + "'";
  }
  return s;
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& log_file, int timeout_s) {
  ProcessResult r;
  std::vector<char*> cargv;
  for (const auto& s : argv) cargv.push_back(const_cast<char*>(s.c_str()));
  cargv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    r.log = "fork failed";
    return r;
  }
  if (pid == 0) {
    setpgid(0, 0);  // own process group: a timeout also kills the compiler's children
    const int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execvp(cargv[0], cargv.data());
    const std::string msg = std::string("cannot run '") + cargv[0] + "'\n";
    (void)!write(2, msg.data(), msg.size());
    _exit(127);
  }
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
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
  r.log = tail_of_file(log_file, 8192);
  return r;
}

}  // namespace tinyaot::golden
