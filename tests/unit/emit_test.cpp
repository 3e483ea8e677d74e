// tinyaot: unit tests of the template renderer, constant arrays and the atomic output folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "compiler/driver/driver.h"
#include "compiler/driver/output_dir.h"
#include "compiler/emit/emit_context.h"
#include "compiler/emit/template.h"
#include "compiler/support/error.h"

namespace fs = std::filesystem;

namespace tinyaot {
namespace {

TEST(Template, ReplacesKeysAndKeepsLiteralBraces) {
  EXPECT_EQ(render_template("t", "a {{x}} b {{{y}}} c", {{"x", "1"}, {"y", "2, 3"}}), "a 1 b {2, 3} c");
  EXPECT_THROW(render_template("t", "{{nope}}", {}), Error);
  EXPECT_THROW(render_template("t", "{{open", {}), Error);
}

TEST(Template, EmbeddedTemplatesExist) {
  EXPECT_NO_THROW(render_embedded("op_block.tpl", {{"index", "1"}, {"type", "ADD"}, {"outputs", "t3"}, {"code", ""}}));
}

TEST(EmitContext, ConstArraysAreFormattedAlignedAndDeduplicated) {
  Graph g;
  EmitContext e(g);
  const std::vector<int32_t> a = {1, -2, INT32_MIN, INT32_MAX};
  const std::string n1 = e.const_array("op1 bias", std::span<const int32_t>(a));
  const std::string n2 = e.const_array("other", std::span<const int32_t>(a));
  EXPECT_EQ(n1, "weights::op1_bias");
  EXPECT_EQ(n1, n2);  // same contents, one array
  const std::vector<int8_t> b = {-128, 0, 127};
  EXPECT_EQ(e.const_array("op1_bias", std::span<const int8_t>(b)), "weights::op1_bias_2");
  EXPECT_NE(e.weight_defs().find("alignas(16) const int32_t op1_bias[] = {\n  1,-2,-2147483648,2147483647,\n};"),
            std::string::npos)
      << e.weight_defs();
  EXPECT_NE(e.weight_defs().find("-128,0,127,"), std::string::npos);
  EXPECT_EQ(e.weight_bytes(), 19u);
  const std::vector<int64_t> c = {INT64_MIN};
  e.const_array("x", std::span<const int64_t>(c));
  EXPECT_NE(e.weight_defs().find("(-9223372036854775807LL - 1)"), std::string::npos);
}

TEST(EmitContext, PointersIntoArenaAndConstants) {
  Graph g;
  Tensor t;
  t.id = 0;
  t.type = DType::kInt16;
  t.shape = {2};
  t.arena_offset = 64;
  g.tensors.push_back(t);
  EmitContext e(g);
  EXPECT_EQ(e.ptr(0), "reinterpret_cast<int16_t*>(arena + 64)");
  g.tensors[0].arena_offset = kNoOffset;
  EXPECT_THROW(e.ptr(0), Error);
}

TEST(Identifier, Sanitized) {
  EXPECT_EQ(sanitize_identifier("my-model.v2"), "my_model_v2");
  EXPECT_EQ(sanitize_identifier("3dnet"), "m_3dnet");
  EXPECT_EQ(sanitize_identifier("kws_dscnn"), "kws_dscnn");
}

class OutputDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("tinyaot_outdir_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(OutputDirTest, WritesReplacesAndLeavesNoTemporaries) {
  const fs::path out = root_ / "gen";
  write_output_dir(out.string(), {{"a.h", "A"}, {"sub/b.h", "B"}});
  EXPECT_TRUE(fs::exists(out / "a.h"));
  EXPECT_TRUE(fs::exists(out / "sub/b.h"));
  EXPECT_TRUE(fs::exists(out / kOutputMarker));
  write_output_dir(out.string() + "/", {{"c.h", "C"}});  // replaces the whole folder
  EXPECT_FALSE(fs::exists(out / "a.h"));
  EXPECT_TRUE(fs::exists(out / "c.h"));
  int entries = 0;
  for (const auto& d : fs::directory_iterator(root_)) entries += d.exists() ? 1 : 0;
  EXPECT_EQ(entries, 1);  // only gen/, no leftovers
}

TEST_F(OutputDirTest, RefusesToReplaceForeignFolder) {
  const fs::path out = root_ / "src";
  fs::create_directories(out);
  std::ofstream(out / "main.c") << "int main(){}";
  try {
    write_output_dir(out.string(), {{"a.h", "A"}});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
  }
  EXPECT_TRUE(fs::exists(out / "main.c"));
  EXPECT_FALSE(fs::exists(out / "a.h"));
}

}  // namespace
}  // namespace tinyaot
