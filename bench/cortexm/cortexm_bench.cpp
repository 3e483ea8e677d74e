// tinyaot bench: instructions per invoke(), flash and RAM of the real models on the QEMU Cortex-M boards,
// next to TensorFlow Lite Micro's figures (reference and CMSIS-NN kernels, -O2) from the shared anchors.
//
//   tinyaot_cortexm_bench [--boards mps2-an386,mps3-an547] [--models kws_dscnn,...] [--jobs 2]
//                         [--kernels auto|generic] [--per-op] [--out cortexm_bench] [--work DIR]
//
// Per (model, board): compile with --target <board core> (the compiler picks its DSP/Helium kernel
// variants) or, with --kernels generic, --target generic (reference kernels); build the board firmware
// (-O2), run seed 1 under qemu-system-arm with the instruction-counting plugin
// (bench/cortexm/insn_count_plugin.c) between the harness markers around invoke(), check the output against the golden one, and read the link map for
// code / weights / RAM. Writes OUT.md (table) and OUT.json, and prints the table. --per-op compiles with
// --trace and counts each op separately (the totals then include the trace calls).
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "bench/cortexm/anchors.h"
#include "bench/cortexm/report.h"
#include "compiler/driver/driver.h"
#include "compiler/support/error.h"
#include "targets/boards/host/firmware.h"

namespace fs = std::filesystem;
using namespace tinyaot;
using namespace tinyaot::bench;

namespace {

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> v;
  std::stringstream ss(s);
  for (std::string w; std::getline(ss, w, ',');)
    if (!w.empty()) v.push_back(w);
  return v;
}

fs::path shared_dir() {
  if (const char* s = std::getenv("TINYAOT_SHARED"); s && *s) return s;
  return TINYAOT_SHARED_DEFAULT;
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// "inline constexpr std::uint64_t kMacs = 288;" in the generated header.
std::uint64_t header_macs(const fs::path& header) {
  const std::string h = slurp(header);
  const auto at = h.find("kMacs = ");
  return at == std::string::npos ? 0 : std::stoull(h.substr(at + 8));
}

std::mutex g_compile_mutex;  // the compiler is used from one thread at a time

// The op type of every trace call of the generated invoke(), in order ("// op 3: CONV_2D -> ..." comments
// precede each op's code; invoke() is straight-line code, so text order is execution order).
std::vector<std::string> traced_ops(const fs::path& cpp) {
  std::vector<std::string> ops;
  std::istringstream in(slurp(cpp));
  std::string type;
  for (std::string line; std::getline(in, line);) {
    if (const auto at = line.find("// op "); at != std::string::npos) {
      const auto colon = line.find(": ", at);
      const auto end = line.find(' ', colon + 2);
      if (colon != std::string::npos) type = line.substr(colon + 2, end - colon - 2);
    } else if (line.find("_trace(") != std::string::npos) {
      ops.push_back(type);
    }
  }
  return ops;
}

void measure(const boards::ArmTools& tools, const fs::path& work_root, bool generic, bool per_op, Row& row) {
  const fs::path work = work_root / std::string(row.board->name) / row.model;
  const fs::path golden = shared_dir() / "golden" / row.model;
  fs::remove_all(work);
  fs::create_directories(work);
  CompileOptions co;
  co.model_path = (shared_dir() / "models" / (row.model + ".tflite")).string();
  co.out_dir = (work / "model").string();
  co.name = sanitize_identifier(row.model);
  co.target = generic ? "generic" : std::string(row.board->cpu);
  co.trace = per_op;
  try {
    std::lock_guard<std::mutex> lock(g_compile_mutex);
    compile(co);
  } catch (const Error& e) {
    row.status = e.kind() == ErrorKind::kUnsupported ? "unsupported" : "compile failed";
    row.detail = e.what();
    return;
  }
  row.macs = header_macs(fs::path(co.out_dir) / (co.name + ".h"));
  row.kernels = kernel_isa(co.target);

  boards::FirmwareOptions o;
  o.board = row.board;
  o.model_dir = co.out_dir;
  o.name = co.name;
  o.work_dir = work / "build";
  o.boards_dir = TINYAOT_BOARDS_DIR;
  if (per_op) o.extra_flags.push_back("-DTINYAOT_TRACE");
  const boards::Firmware fw = boards::build_firmware(tools, o);
  if (!fw.ok) {
    row.status = "build failed";
    row.detail = fw.log;
    return;
  }
  row.sizes = boards::parse_link_map(fw.map, co.name);

  const auto begin = boards::symbol_address(tools, fw.elf, "tinyaot_mark_begin");
  const auto end = boards::symbol_address(tools, fw.elf, "tinyaot_mark_end");
  const fs::path counts = work / "insn_counts.txt";
  char plugin_arg[1024];
  const auto tick = per_op ? boards::symbol_address(tools, fw.elf, "tinyaot_mark_tick") : 0;
  std::snprintf(plugin_arg, sizeof plugin_arg, "%s,begin=0x%llx,end=0x%llx,tick=0x%llx,out=%s",
                TINYAOT_INSN_PLUGIN, static_cast<unsigned long long>(begin),
                static_cast<unsigned long long>(end), static_cast<unsigned long long>(tick),
                counts.string().c_str());
  const boards::ProcessResult r = boards::run_firmware(
      tools, *row.board, fw.elf, {(golden / "input_1.bin").string(), "out_1.bin"}, work, 1800,
      {"-plugin", plugin_arg});
  if (r.exit_code != 0) {
    row.status = "run failed";
    row.detail = boards::describe_run(r);
    return;
  }
  const std::string count_text = slurp(counts);
  row.insns = static_cast<std::uint64_t>(boards::harness_value(count_text, "region", 1));
  if (per_op) {
    const std::vector<std::string> ops = traced_ops(fs::path(co.out_dir) / (co.name + ".cpp"));
    std::istringstream in(count_text);
    std::string word;
    unsigned long long k = 0, n = 0;
    while (in >> word) {
      if (word == "tick" && in >> k >> n && k < ops.size()) row.per_op.emplace_back(ops[k], n);
      else if (word == "region") break;
    }
  }
  row.arena = static_cast<std::uint64_t>(boards::harness_value(r.out, "arena_size"));
  row.stack_invoke = static_cast<std::uint64_t>(boards::harness_value(r.out, "stack_used", 0));
  row.stack_program = static_cast<std::uint64_t>(boards::harness_value(r.out, "stack_used", 1));
  row.golden_match = slurp(work / "out_1.bin") == slurp(golden / "output_1.bin");
  row.status = row.golden_match ? "ok" : "output mismatch";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> board_names = {"mps2-an386", "mps3-an547"};
  std::vector<std::string> models = {"kws_dscnn", "vww_mobilenet", "ic_resnet8", "ad_autoencoder",
                                     "sww_ref", "ic_resnet_large", "hello_world", "micro_speech",
                                     "person_detect", "simple_add"};
  std::string out = "cortexm_bench";
  fs::path work = fs::temp_directory_path() / "tinyaot_cortexm_bench";
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  bool generic = false, per_op = false;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    const std::string v = i + 1 < argc ? argv[i + 1] : "";
    if (k == "--boards") board_names = split(v);
    else if (k == "--models") models = split(v);
    else if (k == "--out") out = v;
    else if (k == "--work") work = v;
    else if (k == "--kernels") generic = v == "generic";
    else if (k == "--per-op") {
      per_op = true;
      continue;
    }
    else if (k == "--jobs") jobs = static_cast<unsigned>(std::max(1, std::atoi(v.c_str())));
    else {
      std::fprintf(stderr, "usage: %s [--boards a,b] [--models a,b] [--kernels auto|generic] [--per-op] [--jobs N] [--out PREFIX] [--work DIR]\n",
                   argv[0]);
      return 2;
    }
    ++i;
  }
  const boards::ArmTools tools = boards::find_arm_tools();
  if (!tools.ok() || tools.nm.empty()) {
    std::printf("SKIP: Arm cross tools missing: %s\n", tools.missing.c_str());
    return 77;
  }
  if (!fs::exists(shared_dir() / "models")) {
    std::printf("SKIP: shared data missing: %s\n", shared_dir().c_str());
    return 77;
  }
  std::vector<Row> rows;
  for (const auto& m : models)
    for (const auto& b : board_names) {
      const BoardInfo* board = find_board(b);
      if (!board) {
        std::fprintf(stderr, "unknown board %s\n", b.c_str());
        return 2;
      }
      Row row;
      row.model = m;
      row.board = board;
      rows.push_back(row);
    }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < jobs; ++t)
    pool.emplace_back([&] {
      for (std::size_t i; (i = next++) < rows.size();) {
        measure(tools, work, generic, per_op, rows[i]);
        std::fprintf(stderr, "%-16s %-11s %s %llu insns\n", rows[i].model.c_str(),
                     std::string(rows[i].board->name).c_str(), rows[i].status.c_str(),
                     static_cast<unsigned long long>(rows[i].insns));
      }
    });
  for (auto& t : pool) t.join();

  const Anchors anchors = load_anchors(shared_dir() / "anchors" / "tflm_cortexm.json");
  const std::string table = markdown_table(rows, anchors);
  std::ofstream(out + ".md") << table;
  std::ofstream(out + ".json") << json_report(rows, anchors, tools);
  std::fputs(table.c_str(), stdout);
  for (const Row& r : rows)
    if (r.status != "ok" && r.status != "unsupported") return 1;
  return 0;
}
