// tinyaot conformance suite: every golden case in $TINYAOT_SHARED/golden is compiled with tinyaot, built
// with the host compiler together with host_harness.cpp, run on every seed and compared byte for byte with
// TFLite Micro's outputs. On a mismatch the model is rebuilt with --trace and compared tensor by tensor
// with intermediates_1.bin to name the first layer that diverges. See docs/testing.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "compare.h"
#include "compiler/driver/driver.h"
#include "compiler/support/error.h"
#include "golden_data.h"
#include "host_build.h"
#include "trace_check.h"

namespace tinyaot::conformance {
namespace {
namespace fs = std::filesystem;

std::string describe(const TensorSpec& s, std::size_t i) {
  std::ostringstream o;
  o << "output " << i << " '" << s.name << "' (" << s.dtype << ", " << s.bytes << " bytes)";
  return o.str();
}

/// Runs the harness on every seed; returns the mismatch report ("" when all seeds match).
std::string run_seeds(const GoldenCase& c, const Manifest& m, const fs::path& exe, const fs::path& work) {
  std::ostringstream report;
  for (int seed : m.seeds) {
    const std::string k = std::to_string(seed);
    const fs::path in = c.dir / ("input_" + k + ".bin"), out = work / ("output_" + k + ".bin");
    const RunResult r = run_process({exe.string(), in.string(), out.string()}, work / ("run_" + k + ".log"), 300);
    if (!r.ok()) {
      report << "seed " << k << ": harness " << (r.timed_out ? "timed out" : "failed")
             << " (exit " << r.exit_code << "):\n" << r.log << "\n";
      continue;
    }
    const std::vector<std::uint8_t> expected = read_file(c.dir / ("output_" + k + ".bin"));
    const std::vector<std::uint8_t> actual = read_file(out);
    std::size_t pos = 0;
    for (std::size_t i = 0; i < m.outputs.size(); ++i) {
      const TensorSpec& s = m.outputs[i];
      if (pos + s.bytes > expected.size() || pos + s.bytes > actual.size()) {
        report << "seed " << k << ": output file has " << actual.size() << " bytes, expected " << expected.size()
               << "\n";
        break;
      }
      const Diff d = compare(expected.data() + pos, s.bytes, actual.data() + pos, s.bytes, s.dtype);
      if (!d.equal()) report << "seed " << k << ", " << describe(s, i) << ": " << d.summary() << "\n";
      pos += s.bytes;
    }
    if (pos == expected.size() && actual.size() != expected.size())
      report << "seed " << k << ": output file has " << actual.size() << " bytes, expected " << expected.size()
             << "\n";
  }
  return report.str();
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesTflm) {
  const GoldenCase& c = GetParam();
  if (c.missing) {
    std::cout << "SKIP: shared data not found at " << c.dir.string() << std::endl;
    GTEST_SKIP() << "shared data not found at " << c.dir.string() << " (set TINYAOT_SHARED)";
  }
  Manifest m;
  ASSERT_NO_THROW(m = load_manifest(c));
  ASSERT_FALSE(m.seeds.empty()) << "manifest.json lists no seeds";
  const fs::path work = work_root() / c.id;
  fs::remove_all(work);
  fs::create_directories(work);

  // 1. Compile with the library (in process, like the CLI does).
  CompileOptions opts;
  opts.model_path = m.model.string();
  opts.out_dir = (work / "out").string();
  opts.name = c.id;  // a prefixed name: op cases such as "exp" would otherwise clash with ::exp
  CompileResult r;
  try {
    r = tinyaot::compile(opts);
  } catch (const Error& e) {
    // Every golden case must compile: an unsupported op is a failure here, never a skip.
    FAIL() << "tinyaot compile failed (" << kind_name(e.kind()) << "): " << e.what();
  } catch (const std::exception& e) {
    FAIL() << "tinyaot compile threw a non-Error exception (a bug): " << e.what();
  }
  RecordProperty("arena_size", std::to_string(r.arena_size));
  RecordProperty("tflm_arena_used_bytes", std::to_string(m.tflm_arena_bytes));
  std::cout << c.name << ": kArenaSize " << r.arena_size << " (lower bound " << r.arena_bound << "; TFLM x86_64 "
            << m.tflm_arena_bytes << "), weights " << r.weight_bytes << " bytes" << std::endl;

  // 2. Build emitted code + harness with the host compiler; the emitted code must be warning-free.
  const fs::path exe = work / "harness";
  const RunResult b = build_harness(work / "out", c.id, false, exe);
  std::cout << "host build " << b.seconds << " s" << std::endl;
  ASSERT_TRUE(b.ok()) << "host build failed" << (b.timed_out ? " (timeout)" : "") << ":\n  "
                      << build_command(work / "out", c.id, false, exe) << "\n" << b.log;

  // 3. Every seed, byte for byte.
  const std::string report = run_seeds(c, m, exe, work);
  // The header's kArenaSize must be what compile() reported; the harness prints it on every run.
  const std::string run1 = read_text(work / ("run_" + std::to_string(m.seeds[0]) + ".log"));
  EXPECT_NE(run1.find("arena_size " + std::to_string(r.arena_size) + "\n"), std::string::npos)
      << "the emitted kArenaSize differs from compile()'s arena_size " << r.arena_size << "; harness said: " << run1;
  if (report.empty()) return;

  // 4. Mismatch: find the first layer that diverges from TFLM (needs intermediates_1.*).
  ADD_FAILURE() << c.name << ": outputs differ from TFLite Micro\n"
                << report << first_divergence(c, m, work, opts);
}

std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) { return info.param.id; }

INSTANTIATE_TEST_SUITE_P(Conformance, Golden, ::testing::ValuesIn(discover_cases()), case_name);

}  // namespace
}  // namespace tinyaot::conformance

// Own main: ctest runs each case with --gtest_filter=<its name>. If the case is not in the shared folder
// (any more), gtest would run nothing and report success; say so instead.
int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const int rc = RUN_ALL_TESTS();
  const auto* unit = ::testing::UnitTest::GetInstance();
  if (rc != 0 || unit->test_to_run_count() > 0 || ::testing::GTEST_FLAG(list_tests)) return rc;
  const auto shared = tinyaot::conformance::shared_dir();
  if (!std::filesystem::is_directory(shared / "golden")) {
    std::cout << "SKIP: shared data not found at " << shared.string() << "\n[  SKIPPED ] no case ran" << std::endl;
    return 0;
  }
  std::cout << "no conformance case matched --gtest_filter=" << ::testing::GTEST_FLAG(filter) << " in "
            << shared.string() << "/golden (stale test list?)" << std::endl;
  return 1;
}
