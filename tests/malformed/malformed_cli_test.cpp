// tinyaot malformed corpus through the real command line: every case of malformed_cases.h is written to a
// file and given to `tinyaot compile` (and `tinyaot inspect`). Each must exit with its documented code
// (docs/cli.md), print exactly one line on stderr that names the file and says what is wrong, and leave no
// output behind: an existing output folder stays byte for byte as it was, a new one is not created, and
// neither are the report files nor temporary folders.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "malformed/malformed_cases.h"
#include "support/test_models.h"

namespace fs = std::filesystem;

namespace tinyaot::malformed {
namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& p, const std::vector<uint8_t>& bytes) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                           static_cast<std::streamsize>(bytes.size()));
}

struct CliRun {
  int code = -1;
  std::string out, err;
};

/// Runs the tinyaot binary with `args` (already shell-safe), capturing stdout and stderr apart.
CliRun tinyaot(const std::string& args, const fs::path& dir) {
  const fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string cmd = std::string(TINYAOT_BIN) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(cmd.c_str());
  CliRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

/// Every file below `dir`, relative path -> contents.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    files[fs::relative(e.path(), dir).string()] = e.is_regular_file() ? read_text(e.path()) : "<dir>";
  return files;
}

class Malformed : public ::testing::TestWithParam<Case> {};

TEST_P(Malformed, OneClearErrorAndNoOutput) {
  const Case& c = GetParam();
  const fs::path dir = fs::temp_directory_path() / ("tinyaot_malformed_" + std::to_string(::getpid()) + "_" + c.name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path model = dir / (c.name + ".tflite"), good = dir / "good.tflite", out = dir / "out";
  write_bytes(model, c.make());
  write_bytes(good, test::fc_model());
  ASSERT_EQ(tinyaot("--quiet compile " + good.string() + " -o " + out.string() + " --name good", dir).code, 0);
  const auto before = snapshot(out);

  const std::string reports = " --report " + (dir / "r.json").string() + " --report-html " + (dir / "r.html").string();
  const CliRun r = tinyaot("compile " + model.string() + " -o " + out.string() + reports, dir);
  EXPECT_EQ(r.code, c.exit_code) << r.err;
  EXPECT_EQ(r.out, "") << "nothing on stdout for a failed compile";
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "exactly one line on stderr:\n" << r.err;
  EXPECT_EQ(r.err.rfind("tinyaot: error: " + model.string() + ": ", 0), 0u) << "message names the file: " << r.err;
  EXPECT_NE(r.err.find(c.needle), std::string::npos) << "expected '" << c.needle << "' in: " << r.err;
  EXPECT_EQ(snapshot(out), before) << "the existing output folder must be untouched";

  // A new output folder is not created, and inspect refuses the model the same way.
  const CliRun fresh = tinyaot("compile " + model.string() + " -o " + (dir / "new").string(), dir);
  EXPECT_EQ(fresh.code, c.exit_code) << fresh.err;
  const CliRun inspect = tinyaot("inspect " + model.string(), dir);
  EXPECT_EQ(inspect.code, c.exit_code) << inspect.err;
  EXPECT_EQ(fresh.err, r.err);

  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(dir)) entries.push_back(e.path().filename().string());
  std::sort(entries.begin(), entries.end());
  std::vector<std::string> expected{c.name + ".tflite", "good.tflite", "out"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(entries, expected)
      << "no report, new folder or temporary folder may be left behind";
  if (!HasFailure()) fs::remove_all(dir);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Corpus, Malformed, ::testing::ValuesIn(all_cases()), case_name);

}  // namespace
}  // namespace tinyaot::malformed
