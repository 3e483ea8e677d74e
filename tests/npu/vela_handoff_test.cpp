// tinyaot tests: the Vela hand-off on every real model: `--npu ethos-u55-128 --emit-vela DIR` writes one
// .tflite per NPU partition; each is read back with our reader and compared with the partition of the
// source model (op types and attributes in order, every tensor's name, type, shape, quantization and
// data, graph inputs and outputs), and vela.sh holds the exact command line per file.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compiler/driver/driver.h"
#include "compiler/ethosu/vela_handoff.h"
#include "compiler/reader/reader.h"
#include "compiler/support/error.h"
#include "npu_test_util.h"

namespace tinyaot {
namespace {

namespace fs = std::filesystem;

void expect_same_tensor(const Tensor& a, const Tensor& b) {
  SCOPED_TRACE("tensor '" + a.name + "'");
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.shape, b.shape);
  EXPECT_EQ(a.quant.scale, b.quant.scale);
  EXPECT_EQ(a.quant.zero_point, b.quant.zero_point);
  if (a.quant.per_channel()) {
    EXPECT_EQ(a.quant.axis, b.quant.axis);
  }
  EXPECT_EQ(a.is_const, b.is_const);
  EXPECT_TRUE(a.data == b.data);
}

std::vector<std::string> names(const Graph& g, const std::vector<int>& ids) {
  std::vector<std::string> v;
  for (int id : ids) v.push_back(g.tensor(id).name);
  return v;
}

/// Compares partition file `part` with partition `p` (from the JSON report) of `src`.
void expect_partition(const Graph& src, const nlohmann::json& p, const Graph& part) {
  const std::vector<int> ops = p["ops"].get<std::vector<int>>();
  ASSERT_EQ(part.ops.size(), ops.size());
  for (std::size_t k = 0; k < ops.size(); ++k) {
    const Op& a = src.ops[static_cast<std::size_t>(ops[k])];
    const Op& b = part.ops[k];
    SCOPED_TRACE("op " + std::to_string(a.index) + " " + a.type());
    EXPECT_EQ(a.type(), b.type());
    EXPECT_EQ(a.attrs ? a.attrs->dump() : "", b.attrs ? b.attrs->dump() : "");  // options copied
    ASSERT_EQ(a.inputs.size(), b.inputs.size());
    ASSERT_EQ(a.outputs.size(), b.outputs.size());
    for (std::size_t i = 0; i < a.inputs.size(); ++i) {
      ASSERT_EQ(a.inputs[i] < 0, b.inputs[i] < 0);
      if (a.inputs[i] >= 0) expect_same_tensor(src.tensor(a.inputs[i]), part.tensor(b.inputs[i]));
    }
    for (std::size_t i = 0; i < a.outputs.size(); ++i)
      expect_same_tensor(src.tensor(a.outputs[i]), part.tensor(b.outputs[i]));
  }
  EXPECT_EQ(names(src, p["inputs"].get<std::vector<int>>()), names(part, part.inputs));
  EXPECT_EQ(names(src, p["outputs"].get<std::vector<int>>()), names(part, part.outputs));
}

TEST(VelaHandoff, EveryRealModelReadsBack) {
  const fs::path models = npu_test::shared_dir() / "models";
  if (!fs::is_directory(models)) GTEST_SKIP() << "SKIP: shared data not found at " << models;
  int compiled = 0, files = 0, partitions = 0, models_seen = 0, on_disk = 0;
  for (const auto& entry : fs::directory_iterator(models)) {
    if (entry.path().extension() != ".tflite") continue;
    ++on_disk;
    const std::string stem = entry.path().stem().string();
    SCOPED_TRACE(stem);
    CompileOptions o;
    o.model_path = entry.path().string();
    o.npu = "ethos-u55-128";
    o.target = "cortex-m55";
    o.emit_vela_dir = npu_test::fresh_dir("handoff_" + stem).string();
    CompileResult r;
    try {
      r = compile(o);
    } catch (const Error& e) {
      ADD_FAILURE() << e.what();  // every real model compiles (the conformance suite skips none)
      continue;
    }
    ++compiled;
    std::printf("%s", r.partition_report.c_str());
    // What `compile --npu` prints: the split, every CPU op with its reason, the estimates.
    EXPECT_EQ(r.partition_report.rfind("NPU partitions for ethos-u55-128 (CPU cortex-m55): ", 0), 0u) << r.partition_report;
    EXPECT_NE(r.partition_report.find("  estimate: ~"), std::string::npos) << r.partition_report;
    const nlohmann::json j = nlohmann::json::parse(r.report);
    const Graph src = read_model(o.model_path);
    std::ifstream sh(fs::path(o.emit_vela_dir) / "vela.sh");
    std::stringstream script;
    script << sh.rdbuf();
    for (const nlohmann::json& p : j["npu"]["partitions"]) {
      const std::string file = ethosu::partition_file_name(r.name, p["index"].get<int>());
      const fs::path path = fs::path(o.emit_vela_dir) / file;
      ASSERT_TRUE(fs::exists(path)) << path;
      const Graph part = read_model(path.string());
      expect_partition(src, p, part);
      EXPECT_NE(script.str().find("vela " + file +
                                  " --accelerator-config ethos-u55-128 --config vela.ini --system-config "
                                  "Ethos_U55_High_End_Embedded --memory-mode Shared_Sram --output-dir vela_out\n"),
                std::string::npos)
          << script.str();
      ++files;
    }
    for (const nlohmann::json& e : j["npu"]["placement"]) {
      if (e["where"] != "cpu") continue;
      EXPECT_NE(r.partition_report.find(": " + e["reason"].get<std::string>() + "\n"), std::string::npos)
          << "op " << e["index"] << "'s reason is not in the partition report";
      EXPECT_NE(script.str().find(fmt::format("#   op {} {}: ", e["index"].get<int>(), e["type"].get<std::string>())),
                std::string::npos)
          << "CPU op " << e["index"] << " not listed in vela.sh";
    }
    partitions += static_cast<int>(j["npu"]["partitions"].size());
    ++models_seen;
  }
  std::printf("vela hand-off: %d models compiled, %d partitions, %d files read back\n", compiled, partitions, files);
  EXPECT_EQ(compiled, on_disk);  // all of them, the LSTM/SVDF ones included
  EXPECT_EQ(models_seen, on_disk);
  EXPECT_GE(compiled, 15);
  EXPECT_EQ(files, partitions);
  EXPECT_GE(partitions, 8);
}

/// vela.sh names the accelerator, the system config and the memory mode of each family's configuration,
/// and lists the ops left on the CPU with their reasons.
TEST(VelaHandoff, CommandLinePerConfiguration) {
  const fs::path model = npu_test::shared_dir() / "models/kws_dscnn.tflite";
  if (!fs::exists(model)) GTEST_SKIP() << "SKIP: shared data not found at " << model;
  struct Want {
    const char* npu;
    const char* system_config;
    const char* memory_mode;
  };
  for (const Want& w : {Want{"ethos-u55-64", "Ethos_U55_High_End_Embedded", "Shared_Sram"},
                        Want{"ethos-u65-256", "Ethos_U65_High_End", "Dedicated_Sram"},
                        Want{"ethos-u85-512", "Ethos_U85_SYS_DRAM_Mid", "Dedicated_Sram_384KB"}}) {
    SCOPED_TRACE(w.npu);
    CompileOptions o;
    o.model_path = model.string();
    o.npu = w.npu;
    o.target = "cortex-m55";
    o.npu_cpu_ops = {"AVERAGE_POOL_2D"};
    o.emit_vela_dir = npu_test::fresh_dir(std::string("handoff_cfg_") + w.npu).string();
    const CompileResult r = compile(o);
    std::ifstream sh(fs::path(o.emit_vela_dir) / "vela.sh");
    std::stringstream script;
    script << sh.rdbuf();
    const std::string text = script.str();
    EXPECT_NE(text.find(fmt::format("vela kws_dscnn_npu0.tflite --accelerator-config {} --config vela.ini "
                                    "--system-config {} --memory-mode {} --output-dir vela_out\n",
                                    w.npu, w.system_config, w.memory_mode)),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("#   op 9 AVERAGE_POOL_2D: kept on the CPU by --npu-cpu-ops\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("--ignore-ops"), std::string::npos);  // the files hold NPU ops only
  }
}

}  // namespace
}  // namespace tinyaot
