// tinyaot: unit tests of the memory-pool options (--pool, --weights-section): parsing and the checks
// that keep pool and section names from breaking the generated code.
#include <gtest/gtest.h>

#include <functional>

#include "compiler/driver/driver.h"
#include "compiler/driver/pool_options.h"
#include "compiler/support/error.h"
#include "passes/memory_pools.h"

namespace tinyaot {
namespace {

/// The exit code of the Error `f` throws; 0 when it throws nothing.
int exit_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return exit_code(e.kind());
  }
  return 0;
}

constexpr int kUsage = 2;

TEST(PoolOptions, ParsesNameBytesAndSection) {
  const MemoryPool a = parse_pool("dtcm:65536:.dtcm");
  EXPECT_EQ(a.name, "dtcm");
  EXPECT_EQ(a.capacity, 65536u);
  EXPECT_EQ(a.section, ".dtcm");
  const MemoryPool b = parse_pool("sram:256k");
  EXPECT_EQ(b.capacity, 262144u);
  EXPECT_EQ(b.section, "");
  EXPECT_EQ(parse_pool("big:2M:.bss.sram").capacity, 2u * 1024 * 1024);
}

TEST(PoolOptions, RejectsMalformedPools) {
  for (const char* bad : {"dtcm", "dtcm:", ":100", "dtcm:0", "dtcm:12x", "dtcm:1kk", "2fast:100", "a-b:100",
                          "dtcm:100:", "dtcm:100:.dt\"cm", "dtcm:100:a b"})
    EXPECT_EQ(exit_of([&] { parse_pool(bad); }), kUsage) << bad;
}

TEST(PoolOptions, ChecksCombinations) {
  CompileOptions o;
  o.pools = {parse_pool("fast:1k"), parse_pool("FAST:2k")};
  EXPECT_EQ(exit_of([&] { check_pool_options(o); }), kUsage);  // same name ignoring case
  o.pools = {parse_pool("fast:1k")};
  EXPECT_EQ(exit_of([&] { check_pool_options(o); }), 0);
  o.c_api = true;
  EXPECT_EQ(exit_of([&] { check_pool_options(o); }), kUsage);
  o.c_api = false;
  o.max_arena_bytes = 10;
  EXPECT_EQ(exit_of([&] { check_pool_options(o); }), kUsage);
  CompileOptions w;
  w.weights_section = ".rodata.weights";
  EXPECT_EQ(exit_of([&] { check_pool_options(w); }), 0);
  w.weights_section = "x\")));";
  EXPECT_EQ(exit_of([&] { check_pool_options(w); }), kUsage);
}

/// Four tensors, three ops: t0 -> op0 -> t1 -> op1 -> t2; op2 reads t1 and t2 and writes t3.
/// t1 is small and used by all three ops (the hottest), t3 small, t0 and t2 big.
struct PoolCase {
  Graph g;
  std::vector<ArenaBuffer> buffers;
  PoolCase() {
    for (int i = 0; i < 4; ++i) {
      Tensor t;
      t.id = i;
      t.name = "t" + std::to_string(i);
      g.tensors.push_back(t);
    }
    Op a, b, c;
    a.inputs = {0}, a.outputs = {1};
    b.inputs = {1}, b.outputs = {2};
    c.inputs = {1, 2}, c.outputs = {3};
    g.ops = {a, b, c};
    buffers = {{BufferKind::kTensor, 0, {1000, 0, 0}},
               {BufferKind::kTensor, 1, {64, 0, 2}},
               {BufferKind::kTensor, 2, {2000, 1, 2}},
               {BufferKind::kTensor, 3, {64, 2, 2}}};
  }
};

TEST(MemoryPools, HotSmallBuffersGoToTheFirstPool) {
  PoolCase c;
  EXPECT_EQ(buffer_uses(c.g, c.buffers), (std::vector<std::size_t>{1, 3, 2, 1}));
  const std::vector<MemoryPool> pools = {parse_pool("fast:256"), parse_pool("slow:8k")};
  const PoolPlan p = plan_pools(c.g, c.buffers, pools, 16);
  EXPECT_EQ(p.pool, (std::vector<int>{1, 0, 1, 0}));
  EXPECT_EQ(p.sizes, (std::vector<std::size_t>{128, 2000}));  // t1 + t3 live together; t0 and t2 do not
  EXPECT_EQ(p.offsets[0], 0u);
  EXPECT_EQ(p.offsets[2], 0u);
  EXPECT_NE(p.offsets[1], p.offsets[3]);
}

TEST(MemoryPools, DoesNotFitNamesTheTensorAndTheBytesMissing) {
  PoolCase c;
  const std::vector<MemoryPool> pools = {parse_pool("fast:64"), parse_pool("slow:1024")};
  try {
    plan_pools(c.g, c.buffers, pools, 16);
    FAIL() << "expected a does-not-fit error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kDoesNotFit);
    EXPECT_EQ(e.tensor_index(), 2);  // t1 took fast, t3 slow; t2 (2000 bytes) fits in neither
    EXPECT_NE(e.reason().find("pool 'slow' would need 2064 bytes"), std::string::npos) << e.reason();
    EXPECT_NE(e.reason().find("1040 bytes missing"), std::string::npos) << e.reason();
  }
}

}  // namespace
}  // namespace tinyaot
