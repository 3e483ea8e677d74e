// tinyaot conformance: the DSP / Helium kernel variants chosen by `--target`, checked on the host.
// kws_dscnn and ic_resnet8 are compiled for cortex-m4 (DSP) and cortex-m55 (Helium); the emitted code must
// call the variants (compiler/emit/kernel_variants.h), build warning-free with the host compiler (the
// variant headers' portable fallbacks) and match TFLite Micro's golden outputs byte for byte on every seed.
// Targets without a kernel family (generic, cortex-m3) must emit no variant at all.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/driver/driver.h"
#include "compiler/emit/kernel_variants.h"
#include "compiler/support/error.h"
#include "tests/conformance/compare.h"
#include "tests/conformance/golden_data.h"
#include "tests/conformance/host_build.h"

namespace tinyaot::conformance {
namespace {
namespace fs = std::filesystem;

struct TargetCase {
  std::string model, target;
};

/// gtest prints parameters with this (instead of a byte dump).
[[maybe_unused]] void PrintTo(const TargetCase& t, std::ostream* os) { *os << t.model << " --target " << t.target; }

std::string case_name(const ::testing::TestParamInfo<TargetCase>& i) {
  std::string s = i.param.model + "_" + i.param.target;
  for (char& ch : s)
    if (ch == '-') ch = '_';
  return s;
}

GoldenCase golden_case(const std::string& model) {
  GoldenCase c;
  c.id = "model_" + model;
  c.name = model;
  c.dir = shared_dir() / "golden" / model;
  c.missing = !fs::exists(c.dir / "manifest.json");
  return c;
}

fs::path work_dir(const std::string& leaf) { return work_root() / "targets" / leaf; }

/// How many calls to `function` (in namespace tinyaot_rt) the emitted source makes.
int calls(const std::string& text, std::string_view function) {
  const std::string call = "tinyaot_rt::" + std::string(function) + "(";
  int n = 0;
  for (auto at = text.find(call); at != std::string::npos; at = text.find(call, at + call.size())) ++n;
  return n;
}

/// Compiles `model` for `target` into `work`/out; returns the model .cpp text.
std::string compile_for(const GoldenCase& c, const std::string& target, const fs::path& work) {
  fs::remove_all(work);
  fs::create_directories(work);
  CompileOptions opts;
  opts.model_path = load_manifest(c).model.string();
  opts.out_dir = (work / "out").string();
  opts.name = c.id;
  opts.target = target;
  tinyaot::compile(opts);
  return read_text(work / "out" / (c.id + ".cpp"));
}

class TargetVariants : public ::testing::TestWithParam<TargetCase> {};

TEST_P(TargetVariants, CallsVariantsAndMatchesTflm) {
  const TargetCase& t = GetParam();
  const GoldenCase c = golden_case(t.model);
  if (c.missing) GTEST_SKIP() << "shared data not found at " << c.dir.string() << " (set TINYAOT_SHARED)";
  const Manifest m = load_manifest(c);
  const fs::path work = work_dir(t.model + "_" + t.target);
  std::string text;
  try {
    text = compile_for(c, t.target, work);
  } catch (const Error& e) {
    FAIL() << "tinyaot compile --target " << t.target << " failed: " << e.what();
  }

  // Every int8 conv / depthwise / FC call goes to the target's variant; none to the reference kernel.
  const KernelIsa isa = kernel_isa(t.target);
  int variant_calls = 0;
  for (const KernelVariant& v : kernel_variants()) {
    if (v.isa != isa) continue;
    variant_calls += calls(text, v.variant);
    EXPECT_EQ(calls(text, v.generic), 0) << v.generic << " called instead of " << v.variant;
    if (calls(text, v.variant) > 0) {
      EXPECT_TRUE(fs::exists(work / "out" / v.header)) << v.header << " not shipped";
    }
  }
  EXPECT_GT(variant_calls, 0) << "no " << kernel_isa_name(isa) << " kernel variant in the emitted code";

  // The variants' portable fallbacks build on the host and are bit-exact with TFLite Micro.
  const fs::path exe = work / "harness";
  const RunResult b = build_harness(work / "out", c.id, false, exe);
  ASSERT_TRUE(b.ok()) << build_command(work / "out", c.id, false, exe) << "\n" << b.log;
  for (int seed : m.seeds) {
    const std::string k = std::to_string(seed);
    const fs::path out = work / ("output_" + k + ".bin");
    const RunResult r =
        run_process({exe.string(), (c.dir / ("input_" + k + ".bin")).string(), out.string()}, work / "run.log", 300);
    ASSERT_TRUE(r.ok()) << "seed " << k << ": " << r.log;
    const std::vector<std::uint8_t> expected = read_file(c.dir / ("output_" + k + ".bin"));
    const std::vector<std::uint8_t> actual = read_file(out);
    const Diff d = compare(expected.data(), expected.size(), actual.data(), actual.size(), "INT8");
    EXPECT_TRUE(d.equal()) << "seed " << k << ": " << d.summary();
  }
}

INSTANTIATE_TEST_SUITE_P(Models, TargetVariants,
                         ::testing::Values(TargetCase{"kws_dscnn", "cortex-m4"}, TargetCase{"kws_dscnn", "cortex-m55"},
                                           TargetCase{"ic_resnet8", "cortex-m4"},
                                           TargetCase{"ic_resnet8", "cortex-m55"}),
                         case_name);

class NoVariants : public ::testing::TestWithParam<std::string> {};

TEST_P(NoVariants, EmitsReferenceKernelsOnly) {
  const GoldenCase c = golden_case("kws_dscnn");
  if (c.missing) GTEST_SKIP() << "shared data not found at " << c.dir.string() << " (set TINYAOT_SHARED)";
  const std::string target = GetParam();
  const fs::path work = work_dir("no_variants_" + target);
  std::string text;
  try {
    text = compile_for(c, target, work);
  } catch (const Error& e) {
    FAIL() << "tinyaot compile --target " << target << " failed: " << e.what();
  }
  for (const KernelVariant& v : kernel_variants()) {
    EXPECT_EQ(calls(text, v.variant), 0) << v.variant << " emitted for " << target;
    EXPECT_FALSE(fs::exists(work / "out" / v.header)) << v.header << " shipped for " << target;
  }
  EXPECT_GT(calls(text, "conv2d_s8") + calls(text, "depthwise_conv2d_s8") + calls(text, "conv2d_inplace_s8") +
                calls(text, "depthwise_conv2d_inplace_s8"),
            0);
}

INSTANTIATE_TEST_SUITE_P(Targets, NoVariants, ::testing::Values("generic", "cortex-m3", "cortex-m0plus"),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string s = i.param;
                           for (char& ch : s)
                             if (ch == '-') ch = '_';
                           return s;
                         });

TEST(KernelVariantTable, OneVariantPerKernelAndFamily) {
  for (const KernelVariant& v : kernel_variants()) {
    EXPECT_NE(v.isa, KernelIsa::kGeneric);
    EXPECT_EQ(find_kernel_variant(v.isa, v.generic), &v) << v.generic << " listed twice";
    EXPECT_EQ(find_kernel_variant(KernelIsa::kGeneric, v.generic), nullptr);
  }
  EXPECT_EQ(find_kernel_variant(KernelIsa::kDsp, "conv2d_s16"), nullptr);
}

}  // namespace
}  // namespace tinyaot::conformance
