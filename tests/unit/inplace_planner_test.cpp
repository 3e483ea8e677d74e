// tinyaot: unit tests of the in-place machinery: access bounds of known windows, the overlap planner and
// the plan checker, and plan-memory on real models (arena goals of issue 5).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "compiler/driver/driver.h"
#include "compiler/support/error.h"
#include "passes/inplace_access.h"
#include "passes/overlap_planner.h"
#include "passes/plan_memory.h"

namespace tinyaot {
namespace {

WindowGeometry geometry(int32_t h, int32_t w, int32_t c, int32_t out_h, int32_t out_w, int32_t out_c, int32_t f,
                        int32_t stride, int32_t pad) {
  return {h, w, c, out_h, out_w, out_c, f, f, stride, stride, 1, 1, pad, pad, 1};
}

TEST(InplaceAccess, PointwiseContractionFitsWhereItsInputWas) {
  // 1x1, 64 -> 32 channels: each pixel's output fits where its own input was, with room to spare.
  const StreamAccess a = window_access(geometry(4, 4, 64, 4, 4, 32, 1, 1, 0));
  const InplaceBounds b = inplace_bounds(a, 1, true, true);
  EXPECT_EQ(b.fwd_max, 32);             // (in_c - out_c): tightest after the first pixel
  EXPECT_EQ(b.rev_min, 15 * 32);        // backward the output must sit at the input's tail
  EXPECT_TRUE(b.allows(0));
}

TEST(InplaceAccess, PointwiseExpansionOverlapsTheInputsTail) {
  // 1x1, 8 -> 16 channels over P pixels: forward the output must start (P-1)*8 bytes before the input;
  // backward it may start exactly at the input.
  const StreamAccess a = window_access(geometry(3, 3, 8, 3, 3, 16, 1, 1, 0));
  const InplaceBounds b = inplace_bounds(a, 1, true, true);
  EXPECT_EQ(b.fwd_max, -8 * 8);
  EXPECT_EQ(b.rev_min, -8);
  EXPECT_TRUE(b.allows(0));
}

TEST(InplaceAccess, Depthwise3x3NeedsARowAndAPixel) {
  // 3x3 SAME stride 1 over W=5, C=64 (kws_dscnn): with a one-pixel ring the output must keep (W+1)*C bytes
  // away; a ring of W+2 pixels makes the exact place legal.
  const StreamAccess a = window_access(geometry(25, 5, 64, 25, 5, 64, 3, 1, 1));
  const InplaceBounds b = inplace_bounds(a, 1, true, true);
  EXPECT_EQ(b.fwd_max, -6 * 64);
  EXPECT_EQ(b.rev_min, 6 * 64);
  EXPECT_FALSE(b.allows(0));
  const int64_t ring = zero_offset_ring(a, 100, true, true);
  EXPECT_EQ(ring, 7);
  EXPECT_TRUE(inplace_bounds(a, ring, true, true).allows(0));
  EXPECT_FALSE(inplace_bounds(a, ring - 1, true, true).allows(0));
}

TEST(InplaceAccess, ElementwiseMayShiftDown) {
  const InplaceBounds b = inplace_bounds(elementwise_access(10, 2), 1, true, false);
  EXPECT_EQ(b.fwd_max, 0);
  EXPECT_EQ(b.rev_min, kNoLimit);
  EXPECT_TRUE(b.allows(-6));
  EXPECT_FALSE(b.allows(2));
}

TEST(OverlapPlanner, ChainSharesOnePlace) {
  OverlapPlanner p(16);
  const int a = p.add_buffer(100, 0, 1), b = p.add_buffer(100, 1, 2), c = p.add_buffer(100, 2, 3);
  p.allow_overlap({a, b, {0, kNoLimit}});
  p.allow_overlap({b, c, {-kNoLimit, 0}});  // backward only, delta >= 0
  EXPECT_EQ(p.total(), 112u);
  EXPECT_EQ(p.offset(a), 0u);
  EXPECT_EQ(p.offset(b), 0u);
  EXPECT_EQ(p.offset(c), 0u);
  OverlapPlanner plain(16);
  plain.add_buffer(100, 0, 1);
  plain.add_buffer(100, 1, 2);
  plain.add_buffer(100, 2, 3);
  EXPECT_EQ(plain.total(), 224u);
}

TEST(OverlapPlanner, KeepsClearOfTheForbiddenBand) {
  OverlapPlanner p(16);
  const int a = p.add_buffer(160, 0, 1), b = p.add_buffer(160, 1, 2);
  p.allow_overlap({a, b, {-32, 32}});  // delta in (-32, 32) is not allowed
  EXPECT_EQ(p.offset(a), 0u);
  EXPECT_EQ(p.offset(b), 32u);
  EXPECT_EQ(p.total(), 192u);
}

TEST(OverlapPlanner, RuleSeenFromTheOutputSide) {
  // The output is bigger, so it is placed first; the input must then sit at delta <= -48 from it, i.e.
  // at least 48 bytes above it.
  OverlapPlanner p(16);
  const int in = p.add_buffer(64, 0, 1), out = p.add_buffer(256, 1, 2);
  p.allow_overlap({in, out, {-48, kNoLimit}});
  EXPECT_EQ(p.offset(out), 0u);
  EXPECT_EQ(p.offset(in), 48u);
  EXPECT_EQ(p.total(), 256u);
}

TEST(CheckPlan, AcceptsOnlyAllowedOverlaps) {
  const std::vector<BufferRequest> bufs = {{64, 0, 1}, {64, 1, 2}};
  const std::vector<OverlapRule> rules = {{0, 1, {0, kNoLimit}}};
  ArenaPlan ok{{16, 0}, 80, "test"};  // delta -16: allowed
  EXPECT_NO_THROW(check_plan(bufs, ok, 16, rules));
  ArenaPlan bad{{0, 16}, 80, "test"};  // delta +16: not allowed
  EXPECT_THROW(check_plan(bufs, bad, 16, rules), Error);
  EXPECT_THROW(check_plan(bufs, ok, 16), Error);  // no rule: overlap is an error
}

/// The shared data folder, as the other tests find it.
std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("TINYAOT_SHARED")) return env;
  return std::filesystem::path(TINYAOT_SOURCE_DIR).parent_path() / "shared";
}

std::size_t arena_of(const std::string& model) {
  CompileOptions o;
  o.model_path = (shared_dir() / "models" / (model + ".tflite")).string();
  o.out_dir = (std::filesystem::temp_directory_path() / ("tinyaot_inplace_test_" + model)).string();
  const CompileResult r = compile(o);
  std::filesystem::remove_all(o.out_dir);
  return r.arena_size;
}

TEST(PlanMemoryInplace, HalfOfTflmOnTheMlperfModels) {
  if (!std::filesystem::exists(shared_dir() / "models" / "kws_dscnn.tflite")) GTEST_SKIP() << "no shared data";
  // Issue 5: at most half of TFLite Micro's 32-bit arena.
  EXPECT_LE(arena_of("kws_dscnn"), 22780u / 2);
  EXPECT_LE(arena_of("vww_mobilenet"), 100668u / 2);
  EXPECT_LE(arena_of("person_detect"), 82300u / 2);
  EXPECT_LE(arena_of("ad_autoencoder"), 2380u / 2);
}

}  // namespace
}  // namespace tinyaot
