// tinyaot tests: what the NPU tests share: the shared data folder, fresh work folders, building an emitted
// model with the recording driver on the host, and reading what the harness recorded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "conformance/host_build.h"

namespace tinyaot::npu_test {

namespace fs = std::filesystem;

/// $TINYAOT_SHARED, else the `shared` folder beside the repository.
fs::path shared_dir();
/// An empty folder for one test under the build tree.
fs::path fresh_dir(const std::string& name);
std::vector<uint8_t> read_bytes(const fs::path& p);
void write_bytes(const fs::path& p, const std::vector<uint8_t>& bytes);

/// Builds npu_harness.cpp + recording_driver.cpp + every .cpp of `gen_dirs` (the first is the model
/// `name`; the others, e.g. NPU partitions compiled for the CPU, are only linked in) into `exe`. With
/// `dispatch_dir`, that folder's npu_dispatch.h runs the NPU calls; `extra_flags` go to every compile.
conformance::RunResult build_npu_harness(const std::vector<fs::path>& gen_dirs, const std::string& name,
                                         const fs::path& exe, const fs::path& dispatch_dir = {},
                                         const std::vector<std::string>& extra_flags = {});

/// One region of one recorded invoke.
struct Region {
  int mod16 = -1;
  long long rel = 0;  ///< offset from the arena start
  std::size_t size = 0;
  std::vector<uint8_t> bytes;  ///< at entry
};
struct Invoke {
  std::vector<uint8_t> command_stream;
  std::vector<Region> regions;
  bool reserved = false;
};
/// What the harness recorded (log.txt, io.txt and the byte files).
struct Record {
  std::vector<std::string> calls;  ///< "reserve", "invoke", "release"
  std::vector<Invoke> invokes;
  std::vector<long long> input_rel, output_rel;
};
Record read_record(const fs::path& dir);

}  // namespace tinyaot::npu_test
