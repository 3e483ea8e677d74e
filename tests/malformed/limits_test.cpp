// tinyaot limits (docs/hardening.md): the arena limit of CompileOptions::max_arena_bytes, and graphs at the
// operator limit still compiling in reasonable time (every pass must stay near-linear in the op count).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

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
  const fs::path dir = fs::temp_directory_path() / "tinyaot_limits";
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
  const fs::path out = fs::temp_directory_path() / "tinyaot_limits" / "cli_out";
  fs::remove_all(out);
  const int status = std::system((std::string(TINYAOT_BIN) + " compile " + model.string() + " -o " + out.string() +
                                  " --max-arena 64 2>/dev/null").c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 5) << "exit status " << status;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Limits, GraphAtTheOperatorLimitCompiles) {
  CompileOptions o;
  o.model_path = write_model("deep.tflite", relu_chain_model(kMaxOps)).string();
  const auto start = std::chrono::steady_clock::now();
  const CompileResult r = compile(o);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(r.arena_size, 0u);
  // Generous for sanitizer builds on a loaded machine; a quadratic pass shows up as minutes.
  EXPECT_LT(seconds, 60.0) << kMaxOps << " operators took " << seconds << " s";
  std::cout << kMaxOps << " operators compiled in " << seconds << " s" << std::endl;
}

}  // namespace
}  // namespace tinyaot::malformed
