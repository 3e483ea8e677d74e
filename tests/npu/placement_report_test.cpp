// tinyaot tests: every op's NPU placement is reported in all three places the issue names: `tinyaot
// inspect --npu` (text and --json, run as the real binary), the JSON report of compile, and the HTML
// page of compile --report-html. All three come from the report's "npu" member; these tests pin what
// each shows per op: where it runs, its partition, the reason and the estimated NPU and CPU cycles.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "compiler/driver/driver.h"
#include "npu_test_util.h"

namespace tinyaot {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

/// Runs the tinyaot binary; its stdout+stderr go to `log`, returned as text.
std::string run_tinyaot(const std::vector<std::string>& args, const fs::path& log, int* exit_code) {
  std::vector<std::string> argv = {TINYAOT_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  *exit_code = conformance::run_process(argv, log, 300).exit_code;
  return read_text(log);
}

fs::path kws() { return npu_test::shared_dir() / "models/kws_dscnn.tflite"; }

TEST(PlacementReport, JsonHasEstimatesPerOp) {
  if (!fs::exists(kws())) GTEST_SKIP() << "SKIP: shared data not found";
  CompileOptions o;
  o.model_path = kws().string();
  o.npu = "ethos-u55-128";
  o.target = "cortex-m55";
  o.npu_cpu_ops = {"AVERAGE_POOL_2D"};
  const nlohmann::json n = nlohmann::json::parse(compile(o).report)["npu"];
  ASSERT_EQ(n["placement"].size(), 13u);
  EXPECT_EQ(n["npu_ops"].get<int>() + n["cpu_ops"].get<int>(), 13);
  int64_t npu0 = 0, cpu0 = 0;
  for (std::size_t k = 0; k < n["placement"].size(); ++k) {
    const nlohmann::json& e = n["placement"][k];
    SCOPED_TRACE(e.dump());
    EXPECT_EQ(e["step"].get<std::size_t>(), k);
    EXPECT_FALSE(e["reason"].get<std::string>().empty());
    ASSERT_TRUE(e["npu_cycles"].is_number() && e["cpu_cycles"].is_number());
    if (e["partition"].is_null()) {
      EXPECT_EQ(e["where"], "cpu");
    } else {
      EXPECT_EQ(e["where"], fmt::format("npu{}", e["partition"].get<int>()));
      if (e["partition"] == 0) npu0 += e["npu_cycles"].get<int64_t>(), cpu0 += e["cpu_cycles"].get<int64_t>();
    }
  }
  // The per-op estimates add up to the partition's: one cost model behind both.
  EXPECT_EQ(npu0, n["partitions"][0]["npu_cycles"].get<int64_t>());
  EXPECT_EQ(cpu0, n["partitions"][0]["cpu_cycles"].get<int64_t>());
  EXPECT_EQ(n["placement"][9]["reason"], "kept on the CPU by --npu-cpu-ops");
}

TEST(PlacementReport, InspectPrintsPlacementTextAndJson) {
  if (!fs::exists(kws())) GTEST_SKIP() << "SKIP: shared data not found";
  const fs::path work = npu_test::fresh_dir("inspect_placement");
  int rc = -1;
  const std::vector<std::string> args = {"inspect", kws().string(), "--npu", "ethos-u55-128", "--target",
                                         "cortex-m55", "--npu-cpu-ops", "AVERAGE_POOL_2D"};
  const std::string text = run_tinyaot(args, work / "text.log", &rc);
  ASSERT_EQ(rc, 0) << text;
  EXPECT_NE(text.find("NPU placement for ethos-u55-128 (CPU cortex-m55): 1 partition, 9 ops on the NPU, 4 on the CPU"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("cycles per invoke with the NPU"), std::string::npos) << text;
  // One line per op: step, index, type, NPU/CPU, partition, estimates, reason.
  EXPECT_NE(text.find("    0 op0   CONV_2D                NPU npu0 "), std::string::npos) << text;
  EXPECT_NE(text.find("  supported by ethos-u55-128\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    9 op9   AVERAGE_POOL_2D        CPU -    "), std::string::npos) << text;
  EXPECT_NE(text.find("  kept on the CPU by --npu-cpu-ops\n"), std::string::npos) << text;

  std::vector<std::string> json_args = args;
  json_args.push_back("--json");
  const std::string js = run_tinyaot(json_args, work / "json.log", &rc);
  ASSERT_EQ(rc, 0) << js;
  const nlohmann::json j = nlohmann::json::parse(js);
  ASSERT_EQ(j["npu"]["placement"].size(), 13u);
  EXPECT_EQ(j["npu"]["placement"][0]["where"], "npu0");
  EXPECT_EQ(j["npu"]["placement"][9]["where"], "cpu");
  EXPECT_TRUE(j["npu"]["placement"][0]["npu_cycles"].is_number());

  // Without --npu, inspect shows no placement at all.
  const std::string plain = run_tinyaot({"inspect", kws().string()}, work / "plain.log", &rc);
  ASSERT_EQ(rc, 0) << plain;
  EXPECT_EQ(plain.find("NPU placement"), std::string::npos);
}

TEST(PlacementReport, InspectVelaModelShowsCommandStreams) {
  const fs::path model = npu_test::shared_dir() / "models/vela/person_detect_vela.tflite";
  if (!fs::exists(model)) GTEST_SKIP() << "SKIP: shared data not found";
  int rc = -1;
  const std::string text = run_tinyaot({"inspect", model.string(), "--npu", "ethos-u55-256", "--target", "cortex-m55"},
                                       npu_test::fresh_dir("inspect_vela") / "text.log", &rc);
  ASSERT_EQ(rc, 0) << text;
  EXPECT_NE(text.find("NPU placement for ethos-u55-256"), std::string::npos) << text;
  EXPECT_NE(text.find("command streams' cycles are not estimated"), std::string::npos) << text;
  EXPECT_NE(text.find("NPU npu0 "), std::string::npos) << text;
  EXPECT_NE(text.find("Vela command stream for ethos-u55-256"), std::string::npos) << text;
}

TEST(PlacementReport, HtmlShowsPlacementPerLayer) {
  if (!fs::exists(kws())) GTEST_SKIP() << "SKIP: shared data not found";
  const fs::path work = npu_test::fresh_dir("html_placement");
  CompileOptions o;
  o.model_path = kws().string();
  o.npu = "ethos-u55-128";
  o.target = "cortex-m55";
  o.npu_cpu_ops = {"AVERAGE_POOL_2D"};
  o.report_html = (work / "npu.html").string();
  compile(o);
  const std::string html = read_text(work / "npu.html");
  EXPECT_NE(html.find("<th>placement</th><th>est. NPU cycles</th><th>est. CPU cycles</th><th>reason</th>"),
            std::string::npos);
  std::size_t npu_cells = 0, cpu_cells = 0;
  for (std::size_t at = 0; (at = html.find("<td class=\"npu\">NPU npu0</td>", at)) != std::string::npos; ++at) ++npu_cells;
  for (std::size_t at = 0; (at = html.find("<td class=\"cpu\">CPU</td>", at)) != std::string::npos; ++at) ++cpu_cells;
  EXPECT_EQ(npu_cells, 9u);
  EXPECT_EQ(cpu_cells, 4u);
  EXPECT_NE(html.find("kept on the CPU by --npu-cpu-ops"), std::string::npos);
  EXPECT_NE(html.find("<dt>NPU</dt><dd>ethos-u55-128 (CPU cortex-m55): 1 partition, 9 ops on the NPU, 4 on the CPU"),
            std::string::npos);

  o.npu.clear();
  o.npu_cpu_ops.clear();
  o.target.clear();
  o.report_html = (work / "cpu.html").string();
  compile(o);
  EXPECT_EQ(read_text(work / "cpu.html").find("<th>placement</th>"), std::string::npos);
}

}  // namespace
}  // namespace tinyaot
