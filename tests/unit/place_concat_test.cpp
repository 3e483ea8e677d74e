// tinyaot: unit tests of the place-concat pass on graphs built by hand: when the inputs of a
// concatenation move into the output's slices, when they must not, and the arena that results.
#include <gtest/gtest.h>

#include <vector>

#include "compiler/ops/op_def.h"
#include "passes/place_concat.h"
#include "passes/plan_memory.h"
#include "support/graph_build.h"

namespace tinyaot {
namespace {

/// Element-wise stand-in and a concatenation along `axis`: the pass only asks placement_axis().
class FakeOp : public OpDef {
 public:
  explicit FakeOp(int axis) : axis_(axis) {}
  std::string_view name() const override { return axis_ < 0 ? "FAKE" : "CONCATENATION"; }
  int builtin_code() const override { return -1; }
  std::string_view summary() const override { return ""; }
  void check(const Graph&, const Op&) const override {}
  void emit(EmitContext&, const Graph&, const Op&) const override {}
  int placement_axis(const Graph&, const Op&) const override { return axis_; }

 private:
  int axis_;
};

const FakeOp kFake(-1), kConcat1(1);

int tensor(Graph& g, Shape shape, float scale = 0.5f) { return test::add_tensor(g, std::move(shape), DType::kInt8, scale); }

Op& op(Graph& g, const OpDef& def, std::vector<int> in, std::vector<int> out) {
  return test::add_op(g, def, std::move(in), std::move(out));
}

/// x[1,2,16] -> a[1,4,16], b[1,2,16] (two branches) -> concat axis 1 -> c[1,6,16] -> y[1,1,16]
struct Fixture {
  Graph g;
  int x, a, b, c, y;
  explicit Fixture(Shape a_shape = {1, 4, 16}, Shape b_shape = {1, 2, 16}, Shape c_shape = {1, 6, 16}) {
    x = tensor(g, {1, 2, 16});
    a = tensor(g, std::move(a_shape));
    b = tensor(g, std::move(b_shape));
    c = tensor(g, std::move(c_shape));
    y = tensor(g, {1, 1, 16});
    op(g, kFake, {x}, {a});
    op(g, kFake, {x}, {b});
    op(g, kConcat1, {a, b}, {c});
    op(g, kFake, {c}, {y});
    g.inputs = {x};
    g.outputs = {y};
  }
  std::size_t arena() {
    PlanMemory().run(g, PassOptions{});
    verify(g, "plan-memory");
    return g.arena_size;
  }
};

TEST(PlaceConcat, InputsMoveIntoTheirSlices) {
  Fixture f;
  Fixture unplaced;
  PlaceConcat().run(f.g, PassOptions{});
  verify(f.g, "place-concat");
  EXPECT_TRUE(f.g.ops[2].placed);
  EXPECT_EQ(f.g.tensor(f.a).alias_of, f.c);
  EXPECT_EQ(f.g.tensor(f.a).alias_offset, 0u);
  EXPECT_EQ(f.g.tensor(f.b).alias_of, f.c);
  EXPECT_EQ(f.g.tensor(f.b).alias_offset, 64u);
  // Without placement a, b and c coexist at the concatenation (64 + 32 + 96 = 192 bytes); with it the
  // largest live set is x and c while b is computed (32 + 96).
  const std::size_t placed = f.arena();
  const std::size_t copied = unplaced.arena();
  EXPECT_LT(placed, copied);
  EXPECT_EQ(copied, 192u);
  EXPECT_EQ(placed, 128u);
  EXPECT_EQ(f.g.tensor(f.b).arena_offset, f.g.tensor(f.c).arena_offset + 64);
}

TEST(PlaceConcat, GraphInputsArePlacedToo) {
  // The caller writes a graph input through input(): straight into the slice.
  Fixture f;
  f.g.inputs = {f.a, f.b};
  f.g.ops.erase(f.g.ops.begin(), f.g.ops.begin() + 2);
  PlaceConcat().run(f.g, PassOptions{});
  EXPECT_TRUE(f.g.ops[0].placed);
  EXPECT_EQ(f.arena(), 96u + 16u);  // c (holding a and b) and y
}

TEST(PlaceConcat, StridedSlicesAreNotPlaced) {
  // Batch 2 before the axis: each input would be two separate runs of bytes in the output.
  Fixture f({2, 4, 8}, {2, 2, 8}, {2, 6, 8});
  EXPECT_TRUE(concat_placement(f.g, f.g.ops[2]).empty());
}

TEST(PlaceConcat, UnmovableInputsKeepTheCopy) {
  {
    Fixture f;
    f.g.outputs.push_back(f.a);  // the caller reads a through output()
    EXPECT_TRUE(concat_placement(f.g, f.g.ops[2]).empty());
  }
  {
    Fixture f;
    f.g.tensor(f.b).quant.scale = {0.25f};  // would need requantization
    EXPECT_TRUE(concat_placement(f.g, f.g.ops[2]).empty());
  }
  {
    Fixture f;
    f.g.ops[1].npu_partition = 0;  // b comes from the NPU
    EXPECT_TRUE(concat_placement(f.g, f.g.ops[2]).empty());
  }
  {
    Fixture f;
    f.g.tensor(f.a).alias_of = f.x;  // already lives in another storage
    EXPECT_TRUE(concat_placement(f.g, f.g.ops[2]).empty());
  }
  {
    Fixture f({1, 3, 16}, {1, 2, 16}, {1, 6, 16});
    f.g.ops[2].inputs = {f.b, f.b, f.b};  // one tensor cannot sit in three slices
    EXPECT_TRUE(concat_placement(f.g, f.g.ops[2]).empty());
  }
}

TEST(PlaceConcat, NotPlacedWhenTheEarlyOutputRaisesThePeak) {
  // x[1000] -> a[100]; x -> big[1000] -> b[100]; concat(a, b) -> c[200]. Placed, c's 200 bytes would be
  // live beside x and big at step 1 (instead of a's 100): the bound grows, so the pass keeps the copy.
  Graph g;
  const int x = tensor(g, {1, 1000});
  const int a = tensor(g, {1, 100});
  const int big = tensor(g, {1, 1000});
  const int b = tensor(g, {1, 100});
  const int c = tensor(g, {1, 200});
  op(g, kFake, {x}, {a});
  op(g, kFake, {x}, {big});
  op(g, kFake, {big}, {b});
  op(g, kConcat1, {a, b}, {c});
  g.inputs = {x};
  g.outputs = {c};
  ASSERT_FALSE(concat_placement(g, g.ops[3]).empty());
  PassOptions o;
  o.alignment = 4;
  PlaceConcat().run(g, o);
  EXPECT_FALSE(g.ops[3].placed);
  EXPECT_EQ(g.tensor(a).alias_of, -1);
  EXPECT_EQ(g.tensor(b).alias_of, -1);
}

}  // namespace
}  // namespace tinyaot
