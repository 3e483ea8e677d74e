// tinyaot board tools (host side): cross-compile, link and run board firmware.
#include "targets/boards/host/firmware.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace tinyaot::boards {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> split_flags(std::string_view s) {
  std::vector<std::string> v;
  std::istringstream in{std::string(s)};
  std::string w;
  while (in >> w) v.push_back(w);
  return v;
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

void append(std::vector<std::string>& to, const std::vector<std::string>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

bool run_step(const std::vector<std::string>& cmd, const fs::path& work, Firmware& fw) {
  const ProcessResult r = run_process(cmd, {}, work, 600);
  if (r.exit_code == 0) return true;
  fw.log += "$ " + command_text(cmd) + "\n" + r.out + r.err;
  if (r.timed_out) fw.log += "(timed out)\n";
  return false;
}

}  // namespace

ArmTools find_arm_tools() {
  ArmTools t;
  const std::string prefix = env_or("TINYAOT_ARM_PREFIX", "arm-none-eabi-");
  t.gcc = find_program(prefix + "gcc");
  t.gxx = find_program(prefix + "g++");
  t.size = find_program(prefix + "size");
  t.qemu = find_program(env_or("TINYAOT_QEMU_ARM", "qemu-system-arm"));
  t.nm = find_program(prefix + "nm");
  if (t.gcc.empty()) t.missing += prefix + "gcc ";
  if (t.gxx.empty()) t.missing += prefix + "g++ ";
  if (t.size.empty()) t.missing += prefix + "size ";
  if (t.qemu.empty()) t.missing += "qemu-system-arm ";
  return t;
}

Firmware build_firmware(const ArmTools& tools, const FirmwareOptions& opt) {
  Firmware fw;
  const BoardInfo& board = *opt.board;
  const std::vector<std::string> cpu = split_flags(board_cpu(board).gcc_flags);
  const fs::path common = opt.boards_dir / "common";
  fs::create_directories(opt.work_dir);
  fs::path obj_dir = opt.work_dir / "obj";
  fs::remove_all(obj_dir);
  fs::create_directories(obj_dir);

  // Same code-generation flags for every file; sections per function/object so --gc-sections works.
  std::vector<std::string> base = cpu;
  append(base, {opt.opt, "-g", "-ffunction-sections", "-fdata-sections", "-fomit-frame-pointer",
                "-fno-unwind-tables", "-fno-asynchronous-unwind-tables", "-Wall", "-Wextra",
                "-I" + common.string()});
  append(base, opt.extra_flags);

  // The model's .cpp files, then the harness (which includes the model header).
  std::vector<fs::path> cpp_sources;
  for (const auto& e : fs::directory_iterator(opt.model_dir))
    if (e.path().extension() == ".cpp") cpp_sources.push_back(e.path());
  std::sort(cpp_sources.begin(), cpp_sources.end());
  cpp_sources.push_back(common / "harness.cpp");  // object "tinyaot_board_harness.o"
  std::vector<std::string> cxx = {tools.gxx, "-std=c++17", "-fno-exceptions", "-fno-rtti",
                                  "-fno-threadsafe-statics", "-I" + opt.model_dir.string(),
                                  "-DTINYAOT_MODEL_HEADER=\"" + opt.name + ".h\"",
                                  "-DTINYAOT_MODEL_NS=" + opt.name};
  append(cxx, base);
  std::vector<std::string> objects;
  for (const auto& src : cpp_sources) {
    const bool board_file = src.parent_path() == common;
    const std::string obj = (obj_dir / ((board_file ? "tinyaot_board_" : "") + src.stem().string() + ".o")).string();
    std::vector<std::string> cmd = cxx;
    append(cmd, {"-c", src.string(), "-o", obj});
    if (!run_step(cmd, opt.work_dir, fw)) return fw;
    objects.push_back(obj);
  }
  for (const char* c : {"startup.c", "semihost.c", "stack.c"}) {
    const std::string obj = (obj_dir / ("tinyaot_board_" + fs::path(c).stem().string() + ".o")).string();
    std::vector<std::string> cmd = {tools.gcc, "-std=c11"};
    append(cmd, base);
    append(cmd, {"-c", (common / c).string(), "-o", obj});
    if (!run_step(cmd, opt.work_dir, fw)) return fw;
    objects.push_back(obj);
  }

  fw.elf = opt.work_dir / "firmware.elf";
  fw.map = opt.work_dir / "firmware.map";
  std::vector<std::string> link = {tools.gxx};
  append(link, cpu);
  append(link, {"-nostartfiles", "--specs=nano.specs", "--specs=nosys.specs", "-Wl,--gc-sections",
                "-L" + common.string(), "-T" + (opt.boards_dir / board.linker_script).string(),
                "-Wl,-Map=" + fw.map.string()});
  append(link, opt.link_flags);
  append(link, objects);
  append(link, {"-o", fw.elf.string()});
  if (!run_step(link, opt.work_dir, fw)) return fw;
  fw.ok = true;
  return fw;
}

std::vector<std::string> qemu_command(const ArmTools& tools, const BoardInfo& board) {
  return {tools.qemu, "-M", std::string(board.name), "-display", "none", "-monitor", "none",
          "-serial", "null", "-semihosting-config", "enable=on,target=native"};
}

ProcessResult run_firmware(const ArmTools& tools, const BoardInfo& board, const fs::path& elf,
                           const std::vector<std::string>& args, const fs::path& cwd, double timeout_s,
                           const std::vector<std::string>& extra_qemu_args) {
  std::vector<std::string> cmd = qemu_command(tools, board);
  append(cmd, extra_qemu_args);
  std::string joined;
  for (const auto& a : args) joined += (joined.empty() ? "" : " ") + a;
  append(cmd, {"-kernel", fs::absolute(elf).string()});
  if (!joined.empty()) append(cmd, {"-append", joined});
  return run_process(cmd, cwd, cwd, timeout_s);
}

std::uint64_t symbol_address(const ArmTools& tools, const fs::path& elf, const std::string& symbol) {
  if (tools.nm.empty()) return 0;
  const ProcessResult r = run_process({tools.nm, elf.string()}, {}, elf.parent_path(), 60);
  std::istringstream in(r.out);
  std::string addr, type, name;
  while (in >> addr >> type >> name)
    if (name == symbol) return std::stoull(addr, nullptr, 16) & ~std::uint64_t{1};
  return 0;
}

long long harness_value(const std::string& out, const std::string& key, int field) {
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string k;
    if (!(words >> k) || k != key) continue;
    long long v = -1;
    for (int i = 0; i <= field; ++i)
      if (!(words >> v)) return -1;
    return v;
  }
  return -1;
}

std::string describe_run(const ProcessResult& r) {
  std::string s = r.timed_out ? "timed out" : "exit status " + std::to_string(r.exit_code);
  if (r.exit_code == 70) s += " (fault)";
  if (!r.err.empty()) s += "\nstderr: " + r.err;
  if (!r.out.empty()) s += "\nstdout: " + r.out;
  return s;
}

}  // namespace tinyaot::boards
