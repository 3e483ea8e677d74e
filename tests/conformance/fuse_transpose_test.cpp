// tinyaot: end-to-end test of fuse-input-transpose on models built here (no shared data needed). A model
// NCHW input -> TRANSPOSE [0,2,3,1] -> CONV_2D is compiled twice, with the fusion (the convolution reads
// the NCHW input, runtime_min/tinyaot_rt/conv2d_nchw.h) and without it (TRANSPOSE then conv2d_s8, both
// bit-exact with TFLite Micro in the conformance suite); both programs are built for the host, run on
// the same random inputs and must agree byte for byte, and the fused one must need less arena.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/driver/driver.h"
#include "compiler/reader/tflite_subset_generated.h"
#include "compiler/writer/model_writer.h"
#include "tests/conformance/golden_data.h"
#include "tests/conformance/host_build.h"

namespace tinyaot::conformance {
namespace {
namespace fs = std::filesystem;

struct ConvCase {
  const char* name;
  int c, h, w, out_c, stride, dilation;
  bool same;
};

[[maybe_unused]] void PrintTo(const ConvCase& c, std::ostream* os) { *os << c.name; }

fs::path work_dir(const std::string& leaf) { return work_root() / "fuse_transpose" / leaf; }

/// x[1,C,H,W] -> TRANSPOSE [0,2,3,1] -> y[1,H,W,C] -> CONV_2D 3x3 (per-channel weights, bias) -> z.
std::vector<uint8_t> nchw_model(const ConvCase& k) {
  std::mt19937 rng(1234);
  std::uniform_int_distribution<int> w8(-127, 127), b32(-3000, 3000);
  ModelWriter m;
  const Quant in_q{{0.05f}, {-3}, 0};
  const int x = m.add_tensor("input_nchw", tfl::TensorType::INT8, {1, k.c, k.h, k.w}, in_q);
  const int perm = m.add_const_i32("perm", {4}, {0, 2, 3, 1});
  const int y = m.add_tensor("input_nhwc", tfl::TensorType::INT8, {1, k.h, k.w, k.c}, in_q);
  std::vector<int8_t> wv(static_cast<std::size_t>(k.out_c * 9 * k.c));
  for (int8_t& v : wv) v = static_cast<int8_t>(w8(rng));
  Quant wq{{}, {}, 0};
  Quant bq{{}, {}, 0};
  std::vector<int32_t> bias;
  for (int o = 0; o < k.out_c; ++o) {
    const float s = 0.002f * static_cast<float>(o + 1);
    wq.scale.push_back(s);
    wq.zero_point.push_back(0);
    bq.scale.push_back(s * 0.05f);
    bq.zero_point.push_back(0);
    bias.push_back(b32(rng));
  }
  const int w = m.add_const_i8("filter", {k.out_c, 3, 3, k.c}, wv, wq);
  const int b = m.add_const_i32("bias", {k.out_c}, bias, bq);
  const int span = 2 * k.dilation + 1;
  const int oh = k.same ? (k.h + k.stride - 1) / k.stride : (k.h - span) / k.stride + 1;
  const int ow = k.same ? (k.w + k.stride - 1) / k.stride : (k.w - span) / k.stride + 1;
  const int z = m.add_tensor("output", tfl::TensorType::INT8, {1, oh, ow, k.out_c}, Quant{{0.1f}, {2}, 0});
  m.add_op(tfl::BuiltinOperator::TRANSPOSE, {x, perm}, {y});
  m.add_op(tfl::BuiltinOperator::CONV_2D, {y, w, b}, {z},
           make_options(tfl::BuiltinOptions::Conv2DOptions, [k](flatbuffers::FlatBufferBuilder& fb) {
             return tfl::CreateConv2DOptions(fb, k.same ? tfl::Padding::SAME : tfl::Padding::VALID, k.stride,
                                             k.stride, tfl::ActivationFunctionType::NONE, k.dilation, k.dilation)
                 .Union();
           }));
  m.set_inputs({x});
  m.set_outputs({z});
  return m.finish();
}

std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

class FuseInputTranspose : public ::testing::TestWithParam<ConvCase> {};

TEST_P(FuseInputTranspose, BitExactWithTheUnfusedProgramAndSmaller) {
  const ConvCase& k = GetParam();
  const fs::path work = work_dir(k.name);
  fs::remove_all(work);
  fs::create_directories(work);
  const fs::path model = work / "model.tflite";
  {
    const std::vector<uint8_t> bytes = nchw_model(k);
    std::ofstream(model, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                 static_cast<std::streamsize>(bytes.size()));
  }
  std::vector<char> input(static_cast<std::size_t>(k.c * k.h * k.w));
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> d(-128, 127);
  for (int r = 0; r < 3; ++r) {
    for (char& ch : input) ch = static_cast<char>(d(rng));
    std::ofstream(work / ("input_" + std::to_string(r) + ".bin"), std::ios::binary)
        .write(input.data(), static_cast<std::streamsize>(input.size()));
  }
  std::size_t arena[2] = {0, 0};
  for (int fused = 0; fused < 2; ++fused) {
    const std::string tag = fused ? "fused" : "plain";
    CompileOptions o;
    o.model_path = model.string();
    o.out_dir = (work / tag).string();
    o.name = "nchw_model";
    o.fuse_input_transpose = fused != 0;
    arena[fused] = compile(o).arena_size;
    const std::string text = read_text(work / tag / "nchw_model.cpp");
    // One channel: NCHW and NHWC are the same bytes, so the TRANSPOSE becomes a plain view instead.
    EXPECT_EQ(text.find("tinyaot_rt::conv2d_nchw_s8(") != std::string::npos, fused != 0 && k.c > 1) << tag;
    EXPECT_EQ(text.find("tinyaot_rt::transpose") != std::string::npos, fused == 0) << tag;
    const fs::path exe = work / (tag + "_harness");
    const RunResult b = build_harness(work / tag, "nchw_model", false, exe);
    ASSERT_TRUE(b.ok()) << build_command(work / tag, "nchw_model", false, exe) << "\n" << b.log;
    for (int r = 0; r < 3; ++r) {
      const std::string in = (work / ("input_" + std::to_string(r) + ".bin")).string();
      const std::string out = (work / (tag + "_output_" + std::to_string(r) + ".bin")).string();
      const RunResult run = run_process({exe.string(), in, out}, work / "run.log", 120);
      ASSERT_TRUE(run.ok()) << run.log;
    }
  }
  for (int r = 0; r < 3; ++r) {
    const std::string a = read_text(work / ("plain_output_" + std::to_string(r) + ".bin"));
    const std::string f = read_text(work / ("fused_output_" + std::to_string(r) + ".bin"));
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a, f) << "input " << r << ": the fused program differs from TRANSPOSE + CONV_2D";
  }
  // The transposed copy of the input no longer needs memory of its own. (With one channel the unfused
  // convolution already ran in place over the copy, so the arena only stays the same.)
  if (k.c > 1) {
    EXPECT_LT(arena[1], arena[0]);
  } else {
    EXPECT_LE(arena[1], arena[0]);
  }
}

// mobilenet_v2_224 starts with a TRANSPOSE of its NCHW input. With patch-based execution its first layers
// run tile by tile and the fusion is left out (the unfused plan is smaller); without it the fusion wins
// (same arena, no copy), so `--patch off` runs conv2d_nchw_s8 on a real model against TFLite Micro.
TEST(FuseInputTransposeGolden, MobilenetV2PatchOffBitExact) {
  GoldenCase c;
  c.id = "mobilenet_v2_224";
  c.name = c.id;
  c.dir = shared_dir() / "golden" / c.id;
  if (!fs::exists(c.dir / "manifest.json")) GTEST_SKIP() << "SKIP: no golden data at " << c.dir;
  const Manifest m = load_manifest(c);
  const fs::path work = work_dir("mobilenet_v2_224_patch_off");
  fs::remove_all(work);
  CompileOptions o;
  o.model_path = m.model.string();
  o.out_dir = (work / "out").string();
  o.name = c.id;
  o.patch = "off";
  compile(o);
  const std::string text = read_text(work / "out" / (c.id + ".cpp"));
  ASSERT_NE(text.find("tinyaot_rt::conv2d_nchw_s8("), std::string::npos) << "the leading TRANSPOSE was not fused";
  const fs::path exe = work / "harness";
  const RunResult b = build_harness(work / "out", c.id, false, exe);
  ASSERT_TRUE(b.ok()) << build_command(work / "out", c.id, false, exe) << "\n" << b.log;
  for (int seed : m.seeds) {
    const std::string k = std::to_string(seed);
    const fs::path out = work / ("output_" + k + ".bin");
    const RunResult r = run_process({exe.string(), (c.dir / ("input_" + k + ".bin")).string(), out.string()},
                                    work / "run.log", 300);
    ASSERT_TRUE(r.ok()) << "seed " << k << ": " << r.log;
    EXPECT_EQ(read_text(out), read_text(c.dir / ("output_" + k + ".bin"))) << "seed " << k;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, FuseInputTranspose,
                         ::testing::Values(ConvCase{"same_s2", 3, 9, 7, 4, 2, 1, true},
                                           ConvCase{"valid_s1_d2", 5, 8, 10, 6, 1, 2, false},
                                           ConvCase{"same_s1_c1", 1, 12, 12, 8, 1, 1, true}),
                         [](const ::testing::TestParamInfo<ConvCase>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace tinyaot::conformance
