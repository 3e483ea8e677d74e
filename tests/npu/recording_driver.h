// tinyaot tests: the recording stand-in of the Ethos-U driver (host only).
// Every driver call is appended to a log; ethosu_invoke_v3 also keeps copies of the command stream and
// of every region's bytes as the NPU would see them on entry, and can hand the call to an executor (the
// mixed-model tests run the partition with tinyaot's CPU code there). The cache hooks can log here too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tinyaot_test {

/// One ethosu_invoke_v3 call.
struct NpuInvoke {
  std::vector<std::uint8_t> command_stream;
  std::vector<std::uint64_t> base;
  std::vector<std::size_t> sizes;
  std::vector<std::vector<std::uint8_t>> regions;  ///< bytes of each region at entry
  bool driver_reserved = false;                    ///< called between reserve and release
};

/// Runs an NPU call instead of an NPU; returns 0 on success.
using NpuExecutor = int (*)(const std::uint8_t* command_stream, int size, std::uint64_t* base,
                            const std::size_t* sizes, int n);

void set_npu_executor(NpuExecutor fn);
/// Every call in order: "init", "reserve", "invoke", "release".
const std::vector<std::string>& npu_call_log();
const std::vector<NpuInvoke>& npu_invokes();

/// A cache hook of tinyaot_rt/ethosu.h as the tests define it (-DTINYAOT_ETHOSU_CLEAN_DCACHE(p,n)=...):
/// logs "<what>:<n>" between the driver calls, so the order around ethosu_invoke_v3 can be checked.
void record_dcache(const char* what, const void* p, std::size_t n);

}  // namespace tinyaot_test
