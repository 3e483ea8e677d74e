// tinyaot tests: NPU configurations, command-stream headers, the rules' checks and the cost model.
#include <gtest/gtest.h>

#include "compiler/driver/pipeline.h"
#include "compiler/ethosu/cop1.h"
#include "compiler/reader/reader.h"
#include "compiler/support/error.h"
#include "support/test_models.h"
#include "targets/npu/npu_cost.h"
#include "targets/npu/npu_rules.h"

namespace tinyaot {
namespace {

Graph pipeline_graph(const std::vector<uint8_t>& model) {
  Graph g = read_model_from_memory(model, "test");
  PipelineOptions o;
  run_pipeline(g, o);
  return g;
}

TEST(NpuConfig, AllElevenConfigurations) {
  const char* names[] = {"ethos-u55-32",  "ethos-u55-64",  "ethos-u55-128",  "ethos-u55-256",
                         "ethos-u65-256", "ethos-u65-512", "ethos-u85-128",  "ethos-u85-256",
                         "ethos-u85-512", "ethos-u85-1024", "ethos-u85-2048"};
  ASSERT_EQ(all_npus().size(), std::size(names));
  for (const char* n : names) {
    const NpuConfig* c = find_npu(n);
    ASSERT_NE(c, nullptr) << n;
    EXPECT_EQ(c->name, n);
    EXPECT_EQ(c->macs, (1 << c->macs_per_cc_log2) * c->cores) << n;
    EXPECT_GT(c->out_cycles_per_elem, 0.0);
    EXPECT_FALSE(c->system_config.empty());
  }
  EXPECT_EQ(find_npu("ethos-u55"), nullptr);
  try {
    require_npu("ethos-u55");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("ethos-u55-128"), std::string::npos) << e.what();
  }
  EXPECT_EQ(vela_command(*find_npu("ethos-u55-128"), "m.tflite", "out"),
            "vela m.tflite --accelerator-config ethos-u55-128 --config vela.ini --system-config "
            "Ethos_U55_High_End_Embedded --memory-mode Shared_Sram --output-dir out");
}

TEST(Cop1, MakeAndParseRoundTrip) {
  for (const NpuConfig& n : all_npus()) {
    const uint32_t words[] = {1, 2, 3};
    const std::vector<uint8_t> cms = ethosu::make_cop1(n, words);
    EXPECT_EQ(cms.size(), 32u + 12u);  // header padded to 16 bytes, as Vela's
    const ethosu::Cop1Header h = ethosu::parse_cop1(cms);
    EXPECT_EQ(h.product, n.product);
    EXPECT_EQ(h.macs_per_cc_log2, n.macs_per_cc_log2);
    EXPECT_EQ(h.command_words, 3u);
    EXPECT_EQ(ethosu::header_mismatch(h, n), "") << n.name;
    // Only U65-256 and U65-512 share a header (two 256-MAC cores); every other name comes back.
    if (n.family != NpuFamily::kU65) {
      EXPECT_EQ(ethosu::header_config_name(h), n.name);
    }
  }
  const ethosu::Cop1Header h = ethosu::parse_cop1(ethosu::make_cop1(*find_npu("ethos-u55-256"), {}));
  EXPECT_EQ(ethosu::header_mismatch(h, *find_npu("ethos-u55-128")), "MACs per cycle 256 vs 128");
  EXPECT_EQ(ethosu::header_mismatch(h, *find_npu("ethos-u65-256")), "product U55 vs U65");
}

TEST(Cop1, MalformedStreamsAreRefused) {
  auto bad = [](std::vector<uint8_t> b, const char* what) {
    try {
      ethosu::parse_cop1(b);
      ADD_FAILURE() << "accepted: " << what;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kInvalidModel);
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
  };
  std::vector<uint8_t> good = ethosu::make_cop1(*find_npu("ethos-u55-128"), std::vector<uint32_t>{7});
  bad({1, 2, 3}, "too short");
  std::vector<uint8_t> b = good;
  b[0] = 'X';
  bad(b, "COP1");
  b = good;
  b.resize(b.size() - 2);
  bad(b, "multiple of 4");
  b = good;
  b[30] = 9;  // the command stream action claims 9 words, only 1 follows
  bad(b, "runs past");
}

TEST(NpuRules, ConvStrideAndFamilies) {
  ModelWriter w = test::conv_writer();
  w.op(0).options = make_options(tfl::BuiltinOptions::Conv2DOptions, [](auto& b) {
    return tfl::CreateConv2DOptions(b, tfl::Padding::SAME, 4, 4, tfl::ActivationFunctionType::RELU).Union();
  });
  w.tensor(3).shape = {1, 2, 2, 4};
  const Graph g = pipeline_graph(w.finish());
  const RuleResult u55 = npu_supports(*find_npu("ethos-u55-128"), g, g.ops[0]);
  EXPECT_FALSE(u55.ok);
  EXPECT_NE(u55.reason.find("stride 4x4 > 3 needs VALID padding"), std::string::npos) << u55.reason;
  EXPECT_TRUE(npu_supports(*find_npu("ethos-u85-256"), g, g.ops[0]).ok);

  const Graph ok = pipeline_graph(test::conv_model());
  EXPECT_TRUE(npu_supports(*find_npu("ethos-u55-32"), ok, ok.ops[0]).ok);
  const Graph fc = pipeline_graph(test::fc_model());
  EXPECT_TRUE(npu_supports(*find_npu("ethos-u65-512"), fc, fc.ops[0]).ok);
}

TEST(NpuRules, FamilyOnlyOperators) {
  const NpuOpRule* gather = find_npu_rule("GATHER");
  ASSERT_NE(gather, nullptr);
  EXPECT_EQ(gather->families, kFamU85);
  EXPECT_EQ(find_npu_rule("SPACE_TO_DEPTH"), nullptr);
  EXPECT_EQ(find_npu_rule("CONV_2D")->families, kFamAll);
}

TEST(NpuCost, ConvIsCheaperOnTheNpuAndScalesWithMacs) {
  const Graph g = pipeline_graph(test::conv_model());
  const CpuInfo& m55 = require_cpu("cortex-m55");
  const LayerCost small = layer_cost(*find_npu("ethos-u55-32"), m55, g, g.ops[0]);
  const LayerCost big = layer_cost(*find_npu("ethos-u55-256"), m55, g, g.ops[0]);
  EXPECT_EQ(small.macs, 8 * 8 * 4 * 27);
  EXPECT_GT(small.npu_cycles, big.npu_cycles);
  EXPECT_EQ(small.cpu_cycles, big.cpu_cycles);
  EXPECT_GT(layer_cost(*find_npu("ethos-u55-32"), require_cpu("cortex-m0plus"), g, g.ops[0]).cpu_cycles,
            small.cpu_cycles);
}

}  // namespace
}  // namespace tinyaot
