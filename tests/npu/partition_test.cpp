// tinyaot tests: the partition pass on real models: partition counts, placements and their reasons,
// islands kept on the CPU, forced CPU ops, the report, and the errors of the NPU options.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "compiler/driver/driver.h"
#include "compiler/driver/pipeline.h"
#include "compiler/reader/reader.h"
#include "compiler/support/error.h"
#include "npu_test_util.h"
#include "passes/partition_report.h"

namespace tinyaot {
namespace {

using npu_test::shared_dir;

#define REQUIRE_MODEL(path)                                                              \
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "SKIP: shared model not found: " << (path)

Graph partitioned(const std::string& model, const std::string& npu, std::vector<std::string> cpu_ops = {}) {
  Graph g = read_model(model);
  PipelineOptions o;
  o.pass.npu = npu;
  o.pass.target = "cortex-m55";
  o.pass.npu_cpu_ops = std::move(cpu_ops);
  run_pipeline(g, o);
  return g;
}

ErrorKind compile_error(const CompileOptions& o, std::string& msg) {
  try {
    compile(o);
  } catch (const Error& e) {
    msg = e.what();
    return e.kind();
  }
  msg = "(no error)";
  return ErrorKind::kInternal;
}

TEST(Partition, KwsIsOnePartitionOnU55) {
  const std::string m = (shared_dir() / "models/kws_dscnn.tflite").string();
  REQUIRE_MODEL(m);
  const Graph g = partitioned(m, "ethos-u55-128");
  const PartitionSummary s = summarize_partitions(g, "ethos-u55-128", "cortex-m55");
  ASSERT_EQ(s.partitions.size(), 1u);
  EXPECT_EQ(s.partitions[0].steps.size(), 13u);
  EXPECT_TRUE(s.cpu_steps.empty());
  EXPECT_EQ(s.partitions[0].inputs, g.inputs);
  EXPECT_EQ(s.partitions[0].outputs, g.outputs);
  EXPECT_GT(s.partitions[0].cpu_cycles, 10 * s.partitions[0].npu_cycles);
  for (const Op& op : g.ops) EXPECT_EQ(op.placement_reason, "supported by ethos-u55-128");
  EXPECT_NE(dump(g).find("placement=npu0 (supported by ethos-u55-128)"), std::string::npos);
}

TEST(Partition, ForcedCpuOpLeavesATinyIslandOnTheCpu) {
  const std::string m = (shared_dir() / "models/kws_dscnn.tflite").string();
  REQUIRE_MODEL(m);
  const Graph g = partitioned(m, "ethos-u55-128", {"AVERAGE_POOL_2D"});
  const PartitionSummary s = summarize_partitions(g, "ethos-u55-128", "cortex-m55");
  ASSERT_EQ(s.partitions.size(), 1u);
  EXPECT_EQ(s.partitions[0].steps.size(), 9u);
  ASSERT_EQ(s.cpu_steps.size(), 4u);
  EXPECT_EQ(g.ops[9].placement_reason, "kept on the CPU by --npu-cpu-ops");
  // RESHAPE, FULLY_CONNECTED (768 MACs) and SOFTMAX are supported but not worth a driver round trip.
  EXPECT_NE(g.ops[11].placement_reason.find("cheaper on the CPU"), std::string::npos) << g.ops[11].placement_reason;
  const std::string text = partition_report_text(g, s);
  EXPECT_NE(text.find("1 partition, 9 ops on the NPU, 4 on the CPU"), std::string::npos) << text;
}

TEST(Partition, ForcedMiddleOpSplitsTheModel) {
  const std::string m = (shared_dir() / "models/kws_dscnn.tflite").string();
  REQUIRE_MODEL(m);
  const Graph g = partitioned(m, "ethos-u55-128", {"#4"});
  const PartitionSummary s = summarize_partitions(g, "ethos-u55-128", "cortex-m55");
  ASSERT_EQ(s.partitions.size(), 2u);
  EXPECT_EQ(s.partitions[0].steps.size(), 4u);
  EXPECT_EQ(s.partitions[1].steps.size(), 8u);
  EXPECT_EQ(s.cpu_steps, std::vector<int>{4});
  EXPECT_EQ(s.partitions[1].outputs, g.outputs);
}

TEST(Partition, HelloWorldIsTooSmallForTheNpu) {
  const std::string m = (shared_dir() / "models/hello_world.tflite").string();
  REQUIRE_MODEL(m);
  const Graph g = partitioned(m, "ethos-u55-128");
  const PartitionSummary s = summarize_partitions(g, "ethos-u55-128", "cortex-m55");
  EXPECT_TRUE(s.partitions.empty());
  for (const Op& op : g.ops) EXPECT_NE(op.placement_reason.find("cheaper on the CPU"), std::string::npos);
}

TEST(Partition, NoNpuNoPlacement) {
  const std::string m = (shared_dir() / "models/kws_dscnn.tflite").string();
  REQUIRE_MODEL(m);
  const Graph g = partitioned(m, "");
  for (const Op& op : g.ops) {
    EXPECT_EQ(op.npu_partition, -1);
    EXPECT_TRUE(op.placement_reason.empty());
  }
  EXPECT_EQ(dump(g).find("placement="), std::string::npos);
}

TEST(Partition, OptionErrors) {
  const std::string m = (shared_dir() / "models/kws_dscnn.tflite").string();
  REQUIRE_MODEL(m);
  CompileOptions o;
  o.model_path = m;
  std::string msg;
  o.npu = "ethos-u55";
  EXPECT_EQ(compile_error(o, msg), ErrorKind::kUsage);
  EXPECT_NE(msg.find("ethos-u85-2048"), std::string::npos) << msg;
  o.npu = "";
  o.emit_vela_dir = (npu_test::fresh_dir("option_errors") / "v").string();
  EXPECT_EQ(compile_error(o, msg), ErrorKind::kUsage);
  EXPECT_NE(msg.find("--emit-vela needs --npu"), std::string::npos) << msg;
  o.emit_vela_dir.clear();
  o.npu = "ethos-u55-128";
  o.npu_cpu_ops = {"LSTM_OF_SOME_KIND"};
  EXPECT_EQ(compile_error(o, msg), ErrorKind::kUsage);
  EXPECT_NE(msg.find("matches no op"), std::string::npos) << msg;
}

TEST(Partition, ReportJsonHasEveryOp) {
  const std::string m = (shared_dir() / "models/kws_dscnn.tflite").string();
  REQUIRE_MODEL(m);
  CompileOptions o;
  o.model_path = m;
  o.npu = "ethos-u55-128";
  o.target = "cortex-m55";
  o.npu_cpu_ops = {"SOFTMAX"};
  const CompileResult r = compile(o);
  const nlohmann::json j = nlohmann::json::parse(r.report);
  ASSERT_TRUE(j.contains("npu"));
  EXPECT_EQ(j["npu"]["placement"].size(), 13u);
  EXPECT_EQ(j["npu"]["placement"][12]["where"], "cpu");
  EXPECT_EQ(j["npu"]["partitions"].size(), 1u);
  EXPECT_NE(r.partition_report.find("kept on the CPU by --npu-cpu-ops"), std::string::npos);
}

}  // namespace
}  // namespace tinyaot
