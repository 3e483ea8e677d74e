// tinyaot QEMU conformance: one (board, golden case) per run, registered in ctest by CMakeLists.txt.
//
//   tinyaot_qemu_case --board mps3-an547 --case kws_dscnn --seeds 1,2 [--kernels auto|generic] --work DIR
//   tinyaot_qemu_case --board mps2-an386 --no-heap-check --work DIR
//   tinyaot_qemu_case --board mps3-an547 --kernel-selftest --work DIR
//
// A case compiles $TINYAOT_SHARED/models/<case>.tflite for the board's core, builds it with the board
// harness (arm-none-eabi-g++ -O2), runs it under qemu-system-arm with the golden inputs of each seed
// (read by the firmware through semihosting) and compares every output byte with the golden output.
// --kernels auto (default) compiles with --target <board core>, so the compiler picks the core's DSP or
// Helium kernel variants (compiler/emit/kernel_variants.h); --kernels generic compiles with --target
// generic (reference kernels).
// Exit status: 0 pass, 1 fail (also when tinyaot refuses a golden case: every case must compile),
// 77 skip (tools or shared data missing). The no-heap check links a program that calls malloc and passes when the link fails.
// The kernel self-test runs tests/qemu/kernel_selftest (random layers, variant vs reference) on the board.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/driver/driver.h"
#include "compiler/emit/kernel_variants.h"
#include "compiler/support/error.h"
#include "targets/boards/host/firmware.h"

namespace fs = std::filesystem;
using namespace tinyaot;

namespace {

constexpr int kPass = 0, kFail = 1, kSkip = 77;

struct Args {
  std::string board, case_name, seeds = "1";
  std::string kernels = "auto";  ///< "auto": the board core's DSP/Helium variants; "generic": reference
  fs::path work;
  bool no_heap_check = false;
  bool selftest = false;
};

int skip(const std::string& why) {
  std::printf("SKIP: %s\n", why.c_str());
  return kSkip;
}

int fail(const std::string& why) {
  std::printf("FAIL: %s\n", why.c_str());
  return kFail;
}

fs::path shared_dir() {
  if (const char* s = std::getenv("TINYAOT_SHARED"); s && *s) return s;
  return TINYAOT_SHARED_DEFAULT;
}

std::vector<unsigned char> read_bytes(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// "got N bytes, expected M" or "K of N bytes differ; first at i: got g, expected e; ...".
std::string compare(const std::vector<unsigned char>& got, const std::vector<unsigned char>& want) {
  if (got.size() != want.size())
    return "output has " + std::to_string(got.size()) + " bytes, golden " + std::to_string(want.size());
  std::size_t n = 0;
  std::string first;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (got[i] == want[i]) continue;
    if (++n <= 8)
      first += " [" + std::to_string(i) + "] got " + std::to_string(static_cast<signed char>(got[i])) +
               " want " + std::to_string(static_cast<signed char>(want[i])) + ";";
  }
  if (n == 0) return {};
  return std::to_string(n) + " of " + std::to_string(got.size()) + " bytes differ:" + first;
}

int no_heap_check(const boards::ArmTools& tools, const BoardInfo& board, const fs::path& work) {
  // A stand-in "model" whose invoke() calls malloc: the board's linker script must refuse it.
  const fs::path model = work / "heap_model";
  fs::create_directories(model);
  std::ofstream(model / "heap_model.h") << "#pragma once\n#include <cstddef>\nnamespace heap_model {\n"
      "inline constexpr std::size_t kArenaSize = 16, kArenaAlignment = 16;\n"
      "inline constexpr int kNumInputs = 1, kNumOutputs = 1;\n"
      "inline constexpr std::size_t kInputBytes[1] = {1}, kOutputBytes[1] = {1};\n"
      "void* input(int, void* a);\nconst void* output(int, const void* a);\nvoid reset(void*);\n"
      "int invoke(void* a);\n}\n";
  std::ofstream(model / "heap_model.cpp") << "#include \"heap_model.h\"\n#include <cstdlib>\n"
      "namespace heap_model {\nvoid* input(int, void* a) { return a; }\n"
      "const void* output(int, const void* a) { return a; }\nvoid reset(void*) {}\n"
      "int invoke(void* a) { void* p = std::malloc(*static_cast<unsigned char*>(a)); return p ? 0 : 1; }\n}\n";
  boards::FirmwareOptions o;
  o.board = &board;
  o.model_dir = model;
  o.name = "heap_model";
  o.work_dir = work / "build";
  o.boards_dir = TINYAOT_BOARDS_DIR;
  const boards::Firmware fw = boards::build_firmware(tools, o);
  if (fw.ok) return fail("a firmware calling malloc linked; the no-heap guard does not work");
  if (fw.log.find("heap use (malloc) is not allowed") == std::string::npos)
    return fail("the link failed, but not because of the heap guard:\n" + fw.log);
  std::printf("PASS: %s: linking a call to malloc fails (\"heap use (malloc) is not allowed\")\n",
              std::string(board.name).c_str());
  return kPass;
}

// Random layers through the core's kernel variants vs the reference kernels, on the board itself.
int kernel_selftest(const boards::ArmTools& tools, const BoardInfo& board, const fs::path& work) {
  fs::remove_all(work);
  fs::create_directories(work);
  boards::FirmwareOptions o;
  o.board = &board;
  o.model_dir = TINYAOT_SELFTEST_DIR;
  o.name = "kernel_selftest";
  o.work_dir = work / "build";
  o.boards_dir = TINYAOT_BOARDS_DIR;
  o.extra_flags = {std::string("-I") + TINYAOT_RUNTIME_DIR};
  const boards::Firmware fw = boards::build_firmware(tools, o);
  if (!fw.ok) return fail("self-test build failed:\n" + fw.log);
  std::vector<std::string> args;
  for (unsigned char seed : {1, 2, 3}) {
    const std::string in = "seed_" + std::to_string(seed) + ".bin";
    std::ofstream(work / in, std::ios::binary).put(static_cast<char>(seed));
    args.push_back(in);
    args.push_back("result_" + std::to_string(seed) + ".bin");
  }
  const boards::ProcessResult r = boards::run_firmware(tools, board, fw.elf, args, work, 600);
  if (r.exit_code != 0) return fail("kernel variants differ from the reference (or the run failed): " +
                                    boards::describe_run(r));
  std::printf("PASS: %s (%s kernels): 3 x 450 random conv/depthwise/FC layers bit-exact with the reference\n",
              std::string(board.name).c_str(), std::string(kernel_isa_name(kernel_isa(board_cpu(board)))).c_str());
  return kPass;
}

// Number of calls to kernel variants in the emitted model source.
int variant_calls(const fs::path& cpp) {
  std::ifstream f(cpp, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  int n = 0;
  for (const KernelVariant& v : kernel_variants()) {
    const std::string call = "tinyaot_rt::" + std::string(v.variant) + "(";
    for (auto at = text.find(call); at != std::string::npos; at = text.find(call, at + call.size())) ++n;
  }
  return n;
}

int run_case(const boards::ArmTools& tools, const BoardInfo& board, const Args& a) {
  const fs::path shared = shared_dir();
  const bool is_op = a.case_name.rfind("ops/", 0) == 0;
  const fs::path model = shared / "models" / (a.case_name + ".tflite");
  const fs::path golden = shared / "golden" / a.case_name;
  if (!fs::exists(model) || !fs::exists(golden / "manifest.json"))
    return skip("shared data missing: " + model.string() + " or " + golden.string());

  fs::remove_all(a.work);
  fs::create_directories(a.work);
  CompileOptions co;
  co.model_path = model.string();
  co.out_dir = (a.work / "model").string();
  co.name = is_op ? "op_model" : sanitize_identifier(fs::path(a.case_name).filename().string());
  const bool generic = a.kernels == "generic";
  co.target = generic ? "generic" : std::string(board.cpu);
  try {
    compile(co);
  } catch (const Error& e) {
    return fail(std::string("tinyaot compile failed: ") + e.what());
  }
  const KernelIsa isa = kernel_isa(co.target);
  const int variants = variant_calls(fs::path(co.out_dir) / (co.name + ".cpp"));

  boards::FirmwareOptions o;
  o.board = &board;
  o.model_dir = co.out_dir;
  o.name = co.name;
  o.work_dir = a.work / "build";
  o.boards_dir = TINYAOT_BOARDS_DIR;
  const boards::Firmware fw = boards::build_firmware(tools, o);
  if (!fw.ok) return fail("firmware build failed:\n" + fw.log);

  // Inputs are read in place from the shared folder; outputs land in the work folder.
  std::vector<std::string> args, seeds;
  std::stringstream ss(a.seeds);
  for (std::string s; std::getline(ss, s, ',');) {
    const fs::path in = golden / ("input_" + s + ".bin");
    if (!fs::exists(in)) continue;
    seeds.push_back(s);
    args.push_back(in.string());
    args.push_back("out_" + s + ".bin");
  }
  if (seeds.empty()) return skip("no golden input for seeds " + a.seeds + " in " + golden.string());
  const boards::ProcessResult r = boards::run_firmware(tools, board, fw.elf, args, a.work, 300);
  if (r.exit_code != 0) return fail("firmware run failed: " + boards::describe_run(r));

  std::string errors;
  for (const auto& s : seeds) {
    const std::string d = compare(read_bytes(a.work / ("out_" + s + ".bin")),
                                  read_bytes(golden / ("output_" + s + ".bin")));
    if (!d.empty()) errors += "seed " + s + ": " + d + "\n";
  }
  if (!errors.empty()) return fail(a.case_name + " on " + std::string(board.name) + ":\n" + errors);
  std::printf("PASS: %s on %s (%s, %s kernels: %d calls), seeds %s bit-exact; arena %lld B, invoke stack %lld B\n",
              a.case_name.c_str(), std::string(board.name).c_str(), std::string(board.cpu).c_str(),
              std::string(kernel_isa_name(isa)).c_str(), variants, a.seeds.c_str(),
              boards::harness_value(r.out, "arena_size"),
              boards::harness_value(r.out, "stack_used"));
  return kPass;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : std::string(); };
    if (k == "--board") a.board = next();
    else if (k == "--case") a.case_name = next();
    else if (k == "--seeds") a.seeds = next();
    else if (k == "--work") a.work = next();
    else if (k == "--kernels") a.kernels = next();
    else if (k == "--no-heap-check") a.no_heap_check = true;
    else if (k == "--kernel-selftest") a.selftest = true;
    else return fail("unknown argument " + k);
  }
  const BoardInfo* board = find_board(a.board);
  if (!board || a.work.empty() || (!a.no_heap_check && !a.selftest && a.case_name.empty()))
    return fail("usage: tinyaot_qemu_case --board B (--case C [--seeds 1,2] | --no-heap-check) --work DIR");
  const boards::ArmTools tools = boards::find_arm_tools();
  if (!tools.ok()) return skip("Arm cross tools missing: " + tools.missing + "(run scripts/setup.sh)");
  try {
    if (a.selftest) return kernel_selftest(tools, *board, a.work);
    return a.no_heap_check ? no_heap_check(tools, *board, a.work) : run_case(tools, *board, a);
  } catch (const std::exception& e) {
    return fail(std::string("internal error: ") + e.what());
  }
}
