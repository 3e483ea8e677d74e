// tinyaot tests: Vela-compiled models (../shared/models/vela) compiled with `--npu ethos-u55-256`, built
// on the host with the recording stand-in driver and run. The stand-in must see the model's command
// stream and read-only data byte for byte (read here independently with the flatbuffers API), base
// addresses 16-byte aligned with the right sizes, in driver order, and the I/O tensors where the
// OfflineMemoryAllocation metadata puts them. A mismatching --npu fails naming both configurations, and
// the emitted code builds for Cortex-M55 (compile only) when arm-none-eabi-g++ is installed.
#include <gtest/gtest.h>

#include <cstring>

#include "compiler/driver/driver.h"
#include "compiler/reader/tflite_subset_generated.h"
#include "compiler/support/error.h"
#include "npu_test_util.h"
#include "targets/cpus.h"

namespace tinyaot {
namespace {

namespace fs = std::filesystem;
using npu_test::read_bytes;

/// What the model says, read without tinyaot's reader.
struct VelaFacts {
  std::vector<uint8_t> cms, flash;
  std::vector<int> regions;            ///< tensor ids in driver order: flash, scratch, scratch_fast, ins, outs
  std::vector<std::size_t> bytes;      ///< their sizes
  std::vector<int32_t> offsets;        ///< OfflineMemoryAllocation, per tensor
};

VelaFacts read_facts(const std::vector<uint8_t>& file) {
  std::vector<uint64_t> aligned((file.size() + 7) / 8);
  std::memcpy(aligned.data(), file.data(), file.size());
  const tfl::Model& m = *tfl::GetModel(aligned.data());
  const tfl::SubGraph& sg = *m.subgraphs()->Get(0);
  const tfl::Operator& op = *sg.operators()->Get(0);
  VelaFacts f;
  auto data = [&](int id) {
    const auto* d = m.buffers()->Get(sg.tensors()->Get(static_cast<flatbuffers::uoffset_t>(id))->buffer())->data();
    return d ? std::vector<uint8_t>(d->begin(), d->end()) : std::vector<uint8_t>();
  };
  auto size = [&](int id) {
    const tfl::Tensor& t = *sg.tensors()->Get(static_cast<flatbuffers::uoffset_t>(id));
    std::size_t n = t.type() == tfl::TensorType::INT32 ? 4 : 1;
    for (int32_t d : *t.shape()) n *= static_cast<std::size_t>(d);
    return n;
  };
  f.cms = data(op.inputs()->Get(0));
  f.flash = data(op.inputs()->Get(1));
  for (flatbuffers::uoffset_t k = 1; k < op.inputs()->size(); ++k) f.regions.push_back(op.inputs()->Get(k));
  for (int id : *op.outputs()) f.regions.push_back(id);
  for (int id : f.regions) f.bytes.push_back(size(id));
  for (const tfl::Metadata* md : *m.metadata())
    if (md->name()->str() == "OfflineMemoryAllocation") {
      const auto* d = m.buffers()->Get(md->buffer())->data();
      std::vector<int32_t> w(d->size() / 4);
      std::memcpy(w.data(), d->data(), d->size());
      f.offsets.assign(w.begin() + 3, w.end());
    }
  return f;
}

class VelaModel : public ::testing::TestWithParam<const char*> {};

TEST_P(VelaModel, RecordingDriverSeesTheModel) {
  const fs::path model = npu_test::shared_dir() / "models/vela" / (std::string(GetParam()) + ".tflite");
  if (!fs::exists(model)) GTEST_SKIP() << "SKIP: shared model not found: " << model;
  const fs::path work = npu_test::fresh_dir(std::string("vela_") + GetParam());
  CompileOptions o;
  o.model_path = model.string();
  o.out_dir = (work / "gen").string();
  o.npu = "ethos-u55-256";
  o.target = "cortex-m55";
  const CompileResult r = compile(o);
  std::printf("%s", r.partition_report.c_str());
  const auto built = npu_test::build_npu_harness({work / "gen"}, r.name, work / "harness");
  ASSERT_TRUE(built.ok()) << built.log;

  const VelaFacts f = read_facts(read_bytes(model));
  const std::size_t in_bytes = f.bytes[3];
  npu_test::write_bytes(work / "in.bin", std::vector<uint8_t>(in_bytes, 0));
  fs::create_directories(work / "rec");
  const auto run = conformance::run_process(
      {(work / "harness").string(), (work / "in.bin").string(), (work / "out.bin").string(), (work / "rec").string()},
      work / "run.log", 120);
  ASSERT_TRUE(run.ok()) << run.log;

  const npu_test::Record rec = npu_test::read_record(work / "rec");
  EXPECT_EQ(rec.calls, (std::vector<std::string>{"reserve", "invoke", "release"}));
  ASSERT_EQ(rec.invokes.size(), 1u);
  const npu_test::Invoke& inv = rec.invokes[0];
  EXPECT_TRUE(inv.reserved);
  EXPECT_TRUE(inv.command_stream == f.cms) << "command stream bytes differ";
  ASSERT_EQ(inv.regions.size(), f.regions.size());
  EXPECT_TRUE(inv.regions[0].bytes == f.flash) << "read-only data differs";
  const int32_t scratch_offset = f.offsets[static_cast<std::size_t>(f.regions[1])];
  for (std::size_t k = 0; k < f.regions.size(); ++k) {
    SCOPED_TRACE("region " + std::to_string(k));
    EXPECT_EQ(inv.regions[k].mod16, 0);
    EXPECT_EQ(inv.regions[k].size, f.bytes[k]);
    if (k == 0) continue;
    // Scratch, scratch_fast and the I/O keep the offsets Vela gave them, relative to the scratch base;
    // the arena holds nothing else, so they are also where the metadata says in the arena.
    const int32_t off = f.offsets[static_cast<std::size_t>(f.regions[k])];
    ASSERT_GE(off, 0);
    EXPECT_EQ(inv.regions[k].rel - inv.regions[1].rel, off - scratch_offset);
    EXPECT_EQ(inv.regions[k].rel, off);
  }
  ASSERT_EQ(rec.input_rel.size(), 1u);
  ASSERT_EQ(rec.output_rel.size(), 1u);
  EXPECT_EQ(rec.input_rel[0], inv.regions[3].rel);
  EXPECT_EQ(rec.output_rel[0], inv.regions[4].rel);
}

/// With the cache hooks defined (as a user would for a core with a data cache), ethosu_run() cleans the
/// whole arena before the NPU call and invalidates it after, inside the driver reservation.
TEST_P(VelaModel, CacheHooksWrapTheNpuCall) {
  const fs::path model = npu_test::shared_dir() / "models/vela" / (std::string(GetParam()) + ".tflite");
  if (!fs::exists(model)) GTEST_SKIP() << "SKIP: shared model not found: " << model;
  const fs::path work = npu_test::fresh_dir(std::string("dcache_") + GetParam());
  CompileOptions o;
  o.model_path = model.string();
  o.out_dir = (work / "gen").string();
  o.npu = "ethos-u55-256";
  o.target = "cortex-m55";
  const CompileResult r = compile(o);
  const std::vector<std::string> hooks = {
      std::string("-include") + TINYAOT_NPU_TEST_DIR + "/recording_driver.h",
      "-DTINYAOT_ETHOSU_CLEAN_DCACHE(p,n)=::tinyaot_test::record_dcache(\"clean\",p,n)",
      "-DTINYAOT_ETHOSU_INVALIDATE_DCACHE(p,n)=::tinyaot_test::record_dcache(\"invalidate\",p,n)"};
  const auto built = npu_test::build_npu_harness({work / "gen"}, r.name, work / "harness", {}, hooks);
  ASSERT_TRUE(built.ok()) << built.log;
  const VelaFacts f = read_facts(read_bytes(model));
  npu_test::write_bytes(work / "in.bin", std::vector<uint8_t>(f.bytes[3], 0));
  fs::create_directories(work / "rec");
  const auto run = conformance::run_process(
      {(work / "harness").string(), (work / "in.bin").string(), (work / "out.bin").string(), (work / "rec").string()},
      work / "run.log", 120);
  ASSERT_TRUE(run.ok()) << run.log;
  const std::string arena = std::to_string(r.arena_size);
  EXPECT_EQ(npu_test::read_record(work / "rec").calls,
            (std::vector<std::string>{"reserve", "clean:" + arena, "invoke", "invalidate:" + arena, "release"}));
}

TEST_P(VelaModel, MismatchingNpuNamesBothConfigurations) {
  const fs::path model = npu_test::shared_dir() / "models/vela" / (std::string(GetParam()) + ".tflite");
  if (!fs::exists(model)) GTEST_SKIP() << "SKIP: shared model not found: " << model;
  for (const char* npu : {"ethos-u55-128", "ethos-u65-256", "ethos-u85-256"}) {
    CompileOptions o;
    o.model_path = model.string();
    o.npu = npu;
    o.target = "cortex-m55";
    try {
      compile(o);
      ADD_FAILURE() << "compiled with --npu " << npu;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kUsage);
      const std::string msg = e.what();
      EXPECT_NE(msg.find("ethos-u55-256"), std::string::npos) << msg;
      EXPECT_NE(msg.find(npu), std::string::npos) << msg;
    }
  }
}

TEST_P(VelaModel, BuildsForCortexM55) {
  const fs::path model = npu_test::shared_dir() / "models/vela" / (std::string(GetParam()) + ".tflite");
  if (!fs::exists(model)) GTEST_SKIP() << "SKIP: shared model not found: " << model;
  if (std::system("arm-none-eabi-g++ --version > /dev/null 2>&1") != 0)
    GTEST_SKIP() << "SKIP: arm-none-eabi-g++ is not installed";
  const fs::path work = npu_test::fresh_dir(std::string("m55_") + GetParam());
  CompileOptions o;
  o.model_path = model.string();
  o.out_dir = (work / "gen").string();
  o.npu = "ethos-u55-256";
  o.target = "cortex-m55";
  compile(o);
  std::string flags(require_cpu("cortex-m55").gcc_flags);
  // The house flags for generated code, once as is and once with the CMSIS cache hooks around the NPU
  // call (the M55 has a data cache), declared by a stand-in for the device header.
  for (bool cmsis : {false, true}) {
    for (const auto& e : fs::directory_iterator(work / "gen")) {
      if (e.path().extension() != ".cpp") continue;
      const std::string obj = e.path().stem().string() + (cmsis ? "_cmsis" : "");
      std::vector<std::string> argv = {"arm-none-eabi-g++", "-std=c++17", "-O2", "-Wall", "-Wextra", "-Wpedantic",
                                       "-Wshadow", "-Wconversion", "-Werror", "-fno-exceptions", "-fno-rtti",
                                       "-I" + (work / "gen").string(), std::string("-I") + TINYAOT_NPU_TEST_DIR,
                                       "-c", e.path().string(), "-o", (work / (obj + ".o")).string()};
      if (cmsis) {
        argv.insert(argv.begin() + 1, "-DTINYAOT_ETHOSU_CMSIS_DCACHE");
        argv.insert(argv.begin() + 1, std::string("-include") + TINYAOT_NPU_TEST_DIR + "/cmsis_device_stub.h");
      }
      for (std::size_t at = 0, next; at < flags.size(); at = next + 1) {
        next = flags.find(' ', at);
        if (next == std::string::npos) next = flags.size();
        if (next > at) argv.insert(argv.begin() + 1, flags.substr(at, next - at));
      }
      const auto res = conformance::run_process(argv, work / (obj + ".log"), 600);
      EXPECT_TRUE(res.ok()) << e.path() << (cmsis ? " (CMSIS cache hooks)" : "") << "\n" << res.log;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shared, VelaModel, ::testing::Values("hello_world_int8_vela", "person_detect_vela"));

/// The runtime glue must be warning-free under the kernels' strict flags, with and without the CMSIS
/// cache hooks (declared here the way a CMSIS device header declares them).
TEST(EthosuGlue, StrictWarningsWithGccAndClang) {
  const fs::path work = npu_test::fresh_dir("glue");
  const std::string tu =
      "#include <cstdint>\n"
      "#ifdef TINYAOT_ETHOSU_CMSIS_DCACHE\n"
      "void SCB_CleanDCache_by_Addr(volatile void* addr, int32_t dsize);\n"
      "void SCB_InvalidateDCache_by_Addr(volatile void* addr, int32_t dsize);\n"
      "#endif\n"
      "#include \"tinyaot_rt/ethosu.h\"\n"
      "int run_one(std::uint8_t* arena);\n"
      "int run_one(std::uint8_t* arena) {\n"
      "  alignas(16) static const std::uint8_t kCms[16] = {};\n"
      "  std::uint64_t base[1] = {tinyaot_rt::ethosu_address(arena)};\n"
      "  static constexpr std::size_t kSizes[1] = {16};\n"
      "  return tinyaot_rt::ethosu_run(kCms, sizeof kCms, base, kSizes, 1, arena, 64);\n"
      "}\n";
  npu_test::write_bytes(work / "glue.cpp", std::vector<uint8_t>(tu.begin(), tu.end()));
  int compilers = 0;
  for (const char* cxx : {"g++", "clang++", "arm-none-eabi-g++"}) {
    if (std::system((std::string(cxx) + " --version > /dev/null 2>&1").c_str()) != 0) continue;
    ++compilers;
    for (bool cmsis : {false, true}) {
      std::vector<std::string> argv = {cxx, "-std=c++17", "-Wall", "-Wextra", "-Wpedantic", "-Wshadow",
                                       "-Wconversion", "-Wsign-conversion", "-Werror", "-fsyntax-only",
                                       std::string("-I") + TINYAOT_SOURCE_DIR + "/runtime_min",
                                       std::string("-I") + TINYAOT_NPU_TEST_DIR, (work / "glue.cpp").string()};
      if (std::string(cxx) == "arm-none-eabi-g++")  // a core with a data cache
        argv.insert(argv.begin() + 1, {"-mcpu=cortex-m55", "-mthumb", "-mfloat-abi=hard"});
      if (cmsis) argv.insert(argv.begin() + 1, "-DTINYAOT_ETHOSU_CMSIS_DCACHE");
      const auto res = conformance::run_process(argv, work / (std::string(cxx) + ".log"), 120);
      EXPECT_TRUE(res.ok()) << cxx << (cmsis ? " (CMSIS hooks)" : "") << "\n" << res.log;
    }
  }
  EXPECT_GT(compilers, 0);
}

}  // namespace
}  // namespace tinyaot
