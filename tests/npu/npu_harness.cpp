// tinyaot tests: a main() for one emitted model that calls the NPU, linked with the recording stand-in
// driver (recording_driver.cpp) and, for mixed models, with a generated npu_dispatch.h that runs each
// NPU partition with tinyaot's CPU code (-DTINYAOT_NPU_DISPATCH).
//
//   harness input.bin output.bin record_dir
//
// Writes into record_dir: log.txt (driver calls, then per invoke its regions: base address mod 16, offset
// from the arena start, size), invoke<i>_cms.bin and invoke<i>_region<k>.bin (bytes at entry), and
// io.txt (arena offsets of the model's inputs and outputs). Exit codes: 0 ok, 2 usage/I-O, 3 invoke().
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "recording_driver.h"

#include TINYAOT_MODEL_HEADER
#ifdef TINYAOT_NPU_DISPATCH
#include "npu_dispatch.h"
#endif

namespace model = TINYAOT_MODEL_NS;

namespace {

alignas(16) unsigned char g_arena[model::kArenaSize > 0 ? model::kArenaSize : 1];

bool read_all(const std::string& path, std::vector<unsigned char>& out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  unsigned char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.insert(out.end(), buf, buf + n);
  std::fclose(f);
  return true;
}

bool write_all(const std::string& path, const void* data, std::size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  const bool ok = std::fwrite(data, 1, size, f) == size;
  return std::fclose(f) == 0 && ok;
}

long long rel(const void* p) {
  return static_cast<long long>(reinterpret_cast<std::uintptr_t>(p)) -
         static_cast<long long>(reinterpret_cast<std::uintptr_t>(g_arena));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s input.bin output.bin record_dir\n", argv[0]);
    return 2;
  }
#ifdef TINYAOT_NPU_DISPATCH
  tinyaot_test::set_npu_executor(npu_dispatch_run);
#endif
  std::vector<unsigned char> in;
  if (!read_all(argv[1], in)) return 2;
  std::size_t at = 0;
  for (int i = 0; i < model::kNumInputs; ++i) {
    const std::size_t n = model::kInputBytes[i];
    if (at + n > in.size()) return 2;
    unsigned char* dst = static_cast<unsigned char*>(model::input(i, g_arena));
    for (std::size_t k = 0; k < n; ++k) dst[k] = in[at + k];
    at += n;
  }
  model::reset(g_arena);
  const int status = model::invoke(g_arena);
  std::vector<unsigned char> out;
  for (int j = 0; j < model::kNumOutputs; ++j) {
    const auto* src = static_cast<const unsigned char*>(model::output(j, g_arena));
    out.insert(out.end(), src, src + model::kOutputBytes[j]);
  }
  if (!write_all(argv[2], out.data(), out.size())) return 2;

  const std::string dir = argv[3];
  std::string log;
  for (const std::string& c : tinyaot_test::npu_call_log()) log += c + "\n";
  const auto& calls = tinyaot_test::npu_invokes();
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const auto& c = calls[i];
    log += "invoke " + std::to_string(i) + " cms " + std::to_string(c.command_stream.size()) + " regions " +
           std::to_string(c.base.size()) + " reserved " + std::to_string(c.driver_reserved ? 1 : 0) + "\n";
    for (std::size_t k = 0; k < c.base.size(); ++k) {
      const void* p = reinterpret_cast<const void*>(static_cast<std::uintptr_t>(c.base[k]));
      log += "region " + std::to_string(k) + " mod16 " + std::to_string(c.base[k] % 16) + " rel " +
             std::to_string(rel(p)) + " size " + std::to_string(c.sizes[k]) + "\n";
      const std::string f = dir + "/invoke" + std::to_string(i) + "_region" + std::to_string(k) + ".bin";
      if (!write_all(f, c.regions[k].data(), c.regions[k].size())) return 2;
    }
    const std::string f = dir + "/invoke" + std::to_string(i) + "_cms.bin";
    if (!write_all(f, c.command_stream.data(), c.command_stream.size())) return 2;
  }
  if (!write_all(dir + "/log.txt", log.data(), log.size())) return 2;
  std::string io;
  for (int i = 0; i < model::kNumInputs; ++i) io += "input " + std::to_string(rel(model::input(i, g_arena))) + "\n";
  for (int j = 0; j < model::kNumOutputs; ++j) io += "output " + std::to_string(rel(model::output(j, g_arena))) + "\n";
  if (!write_all(dir + "/io.txt", io.data(), io.size())) return 2;
  return status == 0 ? 0 : 3;
}
