// tinyaot limits (docs/hardening.md): the arena limit of CompileOptions::max_arena_bytes, and graphs at the
// operator limit still compiling in reasonable time (every pass must stay near-linear in the op count).
#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <sys/resource.h>
#include <sys/wait.h>

#include "compiler/driver/driver.h"
#include "compiler/reader/reader.h"
#include "compiler/support/error.h"
#include "malformed/malformed_cases.h"
#include "support/test_models.h"

namespace fs = std::filesystem;

namespace tinyaot::malformed {
namespace {

fs::path write_model(const std::string& name, const std::vector<uint8_t>& bytes) {
  // A folder per process: ctest runs this binary's tests as parallel processes.
  const fs::path dir = fs::temp_directory_path() / ("tinyaot_limits_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                           static_cast<std::streamsize>(bytes.size()));
  return p;
}

TEST(Limits, ArenaLimit) {
  CompileOptions o;
  o.model_path = write_model("conv_arena.tflite", test::conv_model()).string();  // out_dir empty: writes nothing
  const std::size_t needed = compile(o).arena_size;
  ASSERT_GT(needed, 0u);
  o.max_arena_bytes = needed;
  EXPECT_EQ(compile(o).arena_size, needed) << "a plan exactly at the limit fits";
  o.max_arena_bytes = needed - 1;
  try {
    compile(o);
    FAIL() << "an arena over the limit must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kDoesNotFit);
    const std::string expected = "needs an arena of " + std::to_string(needed) + " bytes, more than the limit of " +
                                 std::to_string(needed - 1) + " bytes";
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("conv_arena.tflite"), std::string::npos) << e.what();
  }
}

TEST(Limits, ArenaLimitOnTheCommandLine) {
  const fs::path model = write_model("conv_cli.tflite", test::conv_model());
  const fs::path out = model.parent_path() / "cli_out";
  fs::remove_all(out);
  const int status = std::system((std::string(TINYAOT_BIN) + " compile " + model.string() + " -o " + out.string() +
                                  " --max-arena 64 2>/dev/null").c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 5) << "exit status " << status;
  EXPECT_FALSE(fs::exists(out));
}

/// CPU seconds this process has used: unlike the wall clock, not inflated by a loaded machine.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

TEST(Limits, GraphAtTheOperatorLimitCompiles) {
  CompileOptions o;
  o.model_path = write_model("deep.tflite", relu_chain_model(kMaxOps)).string();
  const double start = cpu_seconds();
  const CompileResult r = compile(o);
  const double seconds = cpu_seconds() - start;
  EXPECT_GT(r.arena_size, 0u);
  // CPU time, so a loaded machine does not matter. ASan+UBSan at -O1 run this compile about 15 times
  // slower than Release (measured: 5.5 s vs 77 s), hence the larger budget there.
  const double budget = kSanitized ? 300.0 : 60.0;
  EXPECT_LT(seconds, budget) << kMaxOps << " operators took " << seconds << " s of CPU";
  std::cout << kMaxOps << " operators compiled in " << seconds << " s of CPU (budget " << budget << " s)" << std::endl;
}

}  // namespace
}  // namespace tinyaot::malformed
