// tinyaot tests: NPU test helpers (see npu_test_util.h).
#include "npu_test_util.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tinyaot::npu_test {

fs::path shared_dir() {
  const char* env = std::getenv("TINYAOT_SHARED");
  return fs::path(env && *env ? env : TINYAOT_SHARED_DEFAULT).lexically_normal();
}

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::path(TINYAOT_NPU_WORK_DIR) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::vector<uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_bytes(const fs::path& p, const std::vector<uint8_t>& bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

conformance::RunResult build_npu_harness(const std::vector<fs::path>& gen_dirs, const std::string& name,
                                         const fs::path& exe, const fs::path& dispatch_dir,
                                         const std::vector<std::string>& extra_flags) {
  std::vector<std::string> base = conformance::host_cxx();
  for (const char* f : {"-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror"}) base.emplace_back(f);
  base.insert(base.end(), extra_flags.begin(), extra_flags.end());
  const fs::path objs = exe.string() + ".objs";
  fs::create_directories(objs);
  std::vector<std::string> link = conformance::host_cxx();
  conformance::RunResult r;
  const auto compile = [&](std::vector<std::string> argv, const fs::path& src, const fs::path& obj) {
    argv.insert(argv.end(), {"-c", src.string(), "-o", obj.string()});
    fs::path log = obj;
    log += ".log";
    r = conformance::run_process(argv, log, 900);
    link.push_back(obj.string());
    return r.ok();
  };
  // Each emitted folder is compiled on its own include path: every folder carries its own copy of the
  // tinyaot_rt headers, and a header found through another folder's -I would be defined twice.
  for (std::size_t k = 0; k < gen_dirs.size(); ++k)
    for (const auto& e : fs::directory_iterator(gen_dirs[k])) {
      if (e.path().extension() != ".cpp") continue;
      std::vector<std::string> a = base;
      a.push_back("-I" + gen_dirs[k].string());
      a.push_back(std::string("-I") + TINYAOT_NPU_TEST_DIR);
      if (!compile(a, e.path(), objs / fmt::format("{}_{}.o", k, e.path().stem().string()))) return r;
    }
  // The harness sees the program's header and, through npu_dispatch.h, every partition's header.
  std::vector<std::string> a = base;
  for (const fs::path& d : gen_dirs) a.push_back("-I" + d.string());
  a.push_back(std::string("-I") + TINYAOT_NPU_TEST_DIR);
  a.push_back("-DTINYAOT_MODEL_HEADER=\"" + name + ".h\"");
  a.push_back("-DTINYAOT_MODEL_NS=" + name);
  if (!dispatch_dir.empty()) {
    a.push_back("-I" + dispatch_dir.string());
    a.emplace_back("-DTINYAOT_NPU_DISPATCH");
  }
  if (!compile(a, fs::path(TINYAOT_NPU_TEST_DIR) / "npu_harness.cpp", objs / "npu_harness.o")) return r;
  if (!compile(base, fs::path(TINYAOT_NPU_TEST_DIR) / "recording_driver.cpp", objs / "recording_driver.o")) return r;
  link.emplace_back("-o");
  link.push_back(exe.string());
  fs::path log = exe;
  log += ".build.log";
  return conformance::run_process(link, log, 900);
}

Record read_record(const fs::path& dir) {
  Record r;
  std::ifstream log(dir / "log.txt");
  std::string word;
  while (log >> word) {
    if (word == "invoke" && log.peek() == ' ') {
      std::size_t i = 0, cms = 0, n = 0;
      int reserved = 0;
      std::string w1, w2, w3;
      if (!(log >> i >> w1 >> cms >> w2 >> n >> w3 >> reserved)) {
        r.calls.push_back("invoke");  // the call log line, not a detail line
        log.clear();
        continue;
      }
      Invoke inv;
      inv.reserved = reserved != 0;
      inv.command_stream = read_bytes(dir / ("invoke" + std::to_string(i) + "_cms.bin"));
      for (std::size_t k = 0; k < n; ++k) {
        Region g;
        std::string r0, m, rl, sz;
        std::size_t idx = 0;
        log >> r0 >> idx >> m >> g.mod16 >> rl >> g.rel >> sz >> g.size;
        g.bytes = read_bytes(dir / ("invoke" + std::to_string(i) + "_region" + std::to_string(k) + ".bin"));
        inv.regions.push_back(std::move(g));
      }
      r.invokes.push_back(std::move(inv));
    } else {
      r.calls.push_back(word);
    }
  }
  std::ifstream io(dir / "io.txt");
  long long v = 0;
  while (io >> word >> v) (word == "input" ? r.input_rel : r.output_rel).push_back(v);
  return r;
}

}  // namespace tinyaot::npu_test
