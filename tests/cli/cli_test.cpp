// tinyaot: end-to-end tests of the command line: exit codes, messages, and that a failed compile leaves
// the output folder exactly as it was. Runs the real `tinyaot` binary (TINYAOT_BIN).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

#include "support/test_models.h"

namespace fs = std::filesystem;

namespace {

struct CliRun {
  int code = -1;
  std::string out;  // stdout + stderr
};

CliRun run(const std::string& args) {
  CliRun r;
  const std::string cmd = std::string(TINYAOT_BIN) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           (std::string("tinyaot_cli_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::vector<uint8_t>& bytes) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                             static_cast<std::streamsize>(bytes.size()));
    return p;
  }
  /// Compiles `model` into an output folder that already holds a previous good output, expects failure
  /// with `code` and `needle` in the message, and checks the folder is unchanged.
  void expect_failure(const fs::path& model, int code, const std::string& needle) {
    const fs::path out = dir_ / "out";
    const fs::path good = write("good.tflite", tinyaot::test::fc_model());
    CliRun ok = run("compile " + good.string() + " -o " + out.string() + " --name good");
    ASSERT_EQ(ok.code, 0) << ok.out;
    const CliRun r = run("compile " + model.string() + " -o " + out.string());
    EXPECT_EQ(r.code, code) << r.out;
    EXPECT_NE(r.out.find(needle), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(model.filename().string()), std::string::npos) << "message must name the file: " << r.out;
    EXPECT_TRUE(fs::exists(out / "good.h")) << "previous output must be untouched";
    int entries = 0;
    for (const auto& e : fs::directory_iterator(dir_)) entries += e.path().filename().string()[0] == '.' ? 1 : 0;
    EXPECT_EQ(entries, 0) << "no temporary folders left behind";
  }
  fs::path dir_;
};

TEST_F(CliTest, VersionAndHelp) {
  EXPECT_EQ(run("--version").code, 0);
  const CliRun h = run("compile --help");
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("plan-memory"), std::string::npos) << h.out;
  EXPECT_EQ(run("frobnicate").code, 2);
  EXPECT_EQ(run("compile").code, 2);
}

TEST_F(CliTest, CompilesAndIsDeterministic) {
  const fs::path m = write("net.tflite", tinyaot::test::fc_model());
  ASSERT_EQ(run("compile " + m.string() + " -o " + (dir_ / "a").string()).code, 0);
  fs::create_directories(dir_ / "elsewhere");
  const std::string cmd = "cd " + (dir_ / "elsewhere").string() + " && " + TINYAOT_BIN + " compile ../net.tflite -o ../b";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "a")) {
    if (!e.is_regular_file()) continue;
    const fs::path rel = fs::relative(e.path(), dir_ / "a");
    std::ifstream fa(e.path(), std::ios::binary), fb(dir_ / "b" / rel, std::ios::binary);
    ASSERT_TRUE(fb) << rel;
    const std::string a((std::istreambuf_iterator<char>(fa)), {}), b((std::istreambuf_iterator<char>(fb)), {});
    EXPECT_EQ(a, b) << rel;
    ++files;
  }
  EXPECT_GE(files, 5);
  EXPECT_TRUE(fs::exists(dir_ / "a" / "net.h"));
}

TEST_F(CliTest, WarnsWhenTheArenaExceedsATypicalPartOfTheTarget) {
  // No operators: the 64 KiB input is also the output, so the arena is 64 KiB; a typical Cortex-M0+ part
  // has 32 KiB of SRAM, a Cortex-M55 part 512 KiB.
  tinyaot::ModelWriter w;
  const int t = w.add_tensor("x", tinyaot::tfl::TensorType::INT8, {1, 64, 64, 16}, tinyaot::test::per_tensor(0.5f, 0));
  w.set_inputs({t});
  w.set_outputs({t});
  const fs::path model = write("big.tflite", w.finish());
  const std::string out = (dir_ / "out").string();
  const CliRun m0 = run("compile " + model.string() + " -o " + out + " --target cortex-m0plus");
  EXPECT_EQ(m0.code, 0) << m0.out;
  EXPECT_NE(m0.out.find("warning: " + model.string() + ": the arena needs 65536 bytes, more than the 32768 bytes"),
            std::string::npos)
      << m0.out;
  const CliRun m55 = run("compile " + model.string() + " -o " + out + " --target cortex-m55");
  EXPECT_EQ(m55.out.find("warning"), std::string::npos) << m55.out;
  // With --max-arena the limit is the user's: an error above it, no guess from the core.
  const CliRun limited = run("compile " + model.string() + " -o " + out + " --target cortex-m0plus --max-arena 100000");
  EXPECT_EQ(limited.code, 0) << limited.out;
  EXPECT_EQ(limited.out.find("warning"), std::string::npos) << limited.out;
}

TEST_F(CliTest, NotAFlatbuffer) {
  expect_failure(write("junk.tflite", std::vector<uint8_t>(100, 0x41)), 3, "invalid model");
}

TEST_F(CliTest, EmptyFile) { expect_failure(write("empty.tflite", {}), 3, "invalid model"); }

TEST_F(CliTest, TruncatedFile) {
  std::vector<uint8_t> m = tinyaot::test::fc_model();
  m.resize(m.size() / 2);
  expect_failure(write("trunc.tflite", m), 3, "invalid model");
}

TEST_F(CliTest, WrongIdentifier) {
  std::vector<uint8_t> m = tinyaot::test::fc_model();
  m[4] = 'X';
  expect_failure(write("ident.tflite", m), 3, "identifier");
}

TEST_F(CliTest, MissingFile) {
  const CliRun r = run("compile " + (dir_ / "nope.tflite").string() + " -o " + (dir_ / "o").string());
  EXPECT_EQ(r.code, 6) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "o"));
}

TEST_F(CliTest, BadName) {
  const fs::path m = write("net.tflite", tinyaot::test::fc_model());
  EXPECT_EQ(run("compile " + m.string() + " -o " + (dir_ / "o").string() + " --name 'a-b'").code, 2);
}

TEST_F(CliTest, UnsupportedOpNamesOpAndIndex) {
  // A valid model whose second operator is one tinyaot does not compile (EMBEDDING_LOOKUP, code 7).
  tinyaot::ModelWriter w = tinyaot::test::fc_writer();
  const int extra = w.add_tensor("extra_out", tinyaot::tfl::TensorType::INT8, {1, 8}, tinyaot::test::per_tensor(0.5f, 0));
  w.add_op(7, {3}, {extra});
  w.set_outputs({extra});
  const fs::path model = write("lookup.tflite", w.finish());
  const CliRun r = run("compile " + model.string() + " -o " + (dir_ / "o").string());
  EXPECT_EQ(r.code, 4) << r.out;
  EXPECT_NE(r.out.find("op 1 (EMBEDDING_LOOKUP)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lookup.tflite"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "o"));
}

}  // namespace
