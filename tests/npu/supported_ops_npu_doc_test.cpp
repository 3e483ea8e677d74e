// tinyaot tests: docs/SUPPORTED_OPS_NPU.md must match what the NPU rules generate.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "targets/npu/npu_doc.h"
#include "targets/npu/npu_rules.h"

namespace tinyaot {
namespace {

TEST(SupportedOpsNpuDoc, IsUpToDate) {
  std::ifstream f(std::string(TINYAOT_SOURCE_DIR) + "/docs/SUPPORTED_OPS_NPU.md");
  ASSERT_TRUE(f) << "docs/SUPPORTED_OPS_NPU.md is missing";
  std::stringstream ss;
  ss << f.rdbuf();
  EXPECT_EQ(ss.str(), supported_ops_npu_markdown())
      << "docs/SUPPORTED_OPS_NPU.md is stale: run `build/tests/npu/tinyaot_gen_supported_ops_npu > "
         "docs/SUPPORTED_OPS_NPU.md`";
}

TEST(SupportedOpsNpuDoc, RulesAreSortedAndUnique) {
  const auto rules = all_npu_rules();
  for (std::size_t i = 1; i < rules.size(); ++i) EXPECT_LT(rules[i - 1].op, rules[i].op);
  for (const NpuOpRule& r : rules) {
    EXPECT_NE(r.families, 0u) << r.op;
    EXPECT_EQ(find_npu_rule(r.op), &r);
  }
}

}  // namespace
}  // namespace tinyaot
