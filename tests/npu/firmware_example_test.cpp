// tinyaot tests: the firmware example of docs/ethos-u.md is real code. The test takes the `cpp` block
// that starts with "// firmware main.cpp" from the document, compiles the Vela person detection model the
// way the document says, and builds both for Cortex-M55 with arm-none-eabi-g++, the house warning flags
// and the CMSIS cache hooks (device header and driver header replaced by our stand-ins). Compile only:
// linking needs Arm's driver and a device pack.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "compiler/driver/driver.h"
#include "npu_test_util.h"
#include "targets/cpus.h"

namespace tinyaot {
namespace {

namespace fs = std::filesystem;

/// The fenced block whose first line is `first_line`, without the fences; empty when absent.
std::string code_block(const std::string& doc, const std::string& first_line) {
  const std::size_t at = doc.find("```cpp\n" + first_line);
  if (at == std::string::npos) return "";
  const std::size_t begin = at + 7;
  const std::size_t end = doc.find("\n```", begin);
  return end == std::string::npos ? "" : doc.substr(begin, end + 1 - begin);
}

TEST(FirmwareExample, BuildsForCortexM55) {
  const fs::path model = npu_test::shared_dir() / "models/vela/person_detect_vela.tflite";
  if (!fs::exists(model)) GTEST_SKIP() << "SKIP: shared model not found: " << model;
  if (std::system("arm-none-eabi-g++ --version > /dev/null 2>&1") != 0)
    GTEST_SKIP() << "SKIP: arm-none-eabi-g++ is not installed";
  std::ifstream in(std::string(TINYAOT_SOURCE_DIR) + "/docs/ethos-u.md");
  std::stringstream doc;
  doc << in.rdbuf();
  const std::string main_cpp = code_block(doc.str(), "// firmware main.cpp");
  ASSERT_FALSE(main_cpp.empty()) << "docs/ethos-u.md has no firmware example";
  // The document's build line uses the flags this test uses.
  EXPECT_NE(doc.str().find("-DETHOSU55 -DTINYAOT_ETHOSU_CMSIS_DCACHE -include device.h -Igen"), std::string::npos);

  const fs::path work = npu_test::fresh_dir("firmware_example");
  npu_test::write_bytes(work / "main.cpp", std::vector<uint8_t>(main_cpp.begin(), main_cpp.end()));
  CompileOptions o;  // tinyaot compile person_detect_vela.tflite -o gen --name model --target cortex-m55 --npu ethos-u55-256
  o.model_path = model.string();
  o.out_dir = (work / "gen").string();
  o.name = "model";
  o.target = "cortex-m55";
  o.npu = "ethos-u55-256";
  compile(o);

  std::vector<std::string> flags = {"arm-none-eabi-g++"};
  const std::string cpu(require_cpu("cortex-m55").gcc_flags);
  for (std::size_t at = 0, next; at < cpu.size(); at = next + 1) {
    next = cpu.find(' ', at);
    if (next == std::string::npos) next = cpu.size();
    if (next > at) flags.push_back(cpu.substr(at, next - at));
  }
  for (const char* f : {"-std=c++17", "-O2", "-fno-exceptions", "-fno-rtti", "-Wall", "-Wextra", "-Wpedantic",
                        "-Wshadow", "-Wconversion", "-Werror", "-DETHOSU55", "-DTINYAOT_ETHOSU_CMSIS_DCACHE"})
    flags.emplace_back(f);
  flags.push_back(std::string("-include") + TINYAOT_NPU_TEST_DIR + "/cmsis_device_stub.h");
  flags.push_back("-I" + (work / "gen").string());
  flags.push_back(std::string("-I") + TINYAOT_NPU_TEST_DIR);  // the stand-in ethosu_driver.h
  for (const fs::path& src : {work / "main.cpp", work / "gen/model.cpp", work / "gen/model_weights.cpp"}) {
    std::vector<std::string> argv = flags;
    argv.insert(argv.end(), {"-c", src.string(), "-o", (work / (src.stem().string() + ".o")).string()});
    const auto res = conformance::run_process(argv, work / (src.stem().string() + ".log"), 600);
    EXPECT_TRUE(res.ok()) << src << "\n" << res.log;
  }
}

}  // namespace
}  // namespace tinyaot
