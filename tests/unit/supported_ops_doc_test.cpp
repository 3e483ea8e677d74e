// tinyaot: docs/SUPPORTED_OPS.md must match what the registry generates.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "compiler/docs/supported_ops.h"
#include "compiler/ops/registry.h"

namespace tinyaot {
namespace {

TEST(SupportedOpsDoc, IsUpToDate) {
  std::ifstream f(std::string(TINYAOT_SOURCE_DIR) + "/docs/SUPPORTED_OPS.md");
  ASSERT_TRUE(f) << "docs/SUPPORTED_OPS.md is missing";
  std::stringstream ss;
  ss << f.rdbuf();
  EXPECT_EQ(ss.str(), supported_ops_markdown())
      << "docs/SUPPORTED_OPS.md is stale: run `build/tinyaot_gen_supported_ops > docs/SUPPORTED_OPS.md`";
}

TEST(SupportedOpsDoc, EveryOpHasNameCodeAndSummary) {
  for (const OpDef* d : all_ops()) {
    EXPECT_FALSE(d->name().empty());
    EXPECT_FALSE(d->summary().empty()) << d->name();
    EXPECT_EQ(find_op(d->builtin_code()), d) << d->name() << ": two ops share builtin code " << d->builtin_code();
  }
}

}  // namespace
}  // namespace tinyaot
