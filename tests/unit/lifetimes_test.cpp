// tinyaot: unit tests of lifetimes, alias-views and plan-memory on small graphs built by hand.
#include <gtest/gtest.h>

#include "compiler/ops/op_def.h"
#include "passes/alias_views.h"
#include "passes/lifetimes.h"
#include "passes/plan_memory.h"
#include "support/graph_build.h"

namespace tinyaot {
namespace {

/// A do-nothing op definition: the passes only ask is_view(); verify() only needs a non-null def.
class FakeOp : public OpDef {
 public:
  explicit FakeOp(bool view) : view_(view) {}
  std::string_view name() const override { return view_ ? "FAKE_VIEW" : "FAKE"; }
  int builtin_code() const override { return -1; }
  std::string_view summary() const override { return ""; }
  void check(const Graph&, const Op&) const override {}
  bool is_view() const override { return view_; }
  void emit(EmitContext&, const Graph&, const Op&) const override {}

 private:
  bool view_;
};

const FakeOp kCompute(false), kView(true);

using test::add_op;
using test::add_tensor;

int add_const(Graph& g, Shape shape) {
  const int id = add_tensor(g, std::move(shape));
  g.tensor(id).is_const = true;
  g.tensor(id).data.assign(g.tensor(id).bytes(), 0);
  return id;
}


/// in[1,16] -op0(+w, scratch 100)-> a[1,32] -op1 view-> v[32] -op2(+state)-> out[1,8]; t6 is unused.
Graph small_graph() {
  Graph g;
  const int in = add_tensor(g, {1, 16});              // t0
  const int w = add_const(g, {32, 16});               // t1
  const int a = add_tensor(g, {1, 32});               // t2
  const int v = add_tensor(g, {32});                  // t3
  const int out = add_tensor(g, {1, 8});              // t4
  const int state = add_tensor(g, {4}, DType::kInt16);  // t5
  g.tensor(state).is_variable = true;
  add_tensor(g, {1000});  // t6, used by nobody
  add_op(g, kCompute, {in, w}, {a}).scratch_bytes = 100;
  add_op(g, kView, {a}, {v});
  add_op(g, kCompute, {v, -1, state}, {out});
  g.inputs = {in};
  g.outputs = {out};
  return g;
}

std::string show(const std::vector<ArenaBuffer>& bufs) {
  std::string s;
  for (const ArenaBuffer& b : bufs) {
    const char* kind = b.kind == BufferKind::kTensor ? "t" : b.kind == BufferKind::kVariable ? "var" : "scratch";
    s += std::string(kind) + std::to_string(b.id) + ":" + std::to_string(b.request.size) + "[" +
         std::to_string(b.request.first) + "," + std::to_string(b.request.last) + "] ";
  }
  return s;
}

TEST(Lifetimes, ProducerToLastConsumer) {
  const Graph g = small_graph();
  EXPECT_EQ(step_count(g), 3);
  // Input from step 0, output to the last step, constant and unused tensors absent, state over all steps,
  // scratch only at its op.
  EXPECT_EQ(show(arena_buffers(g)), "t0:16[0,0] t2:32[0,1] t3:32[1,2] t4:8[2,2] var5:8[0,2] scratch0:100[0,0] ");
}

TEST(Lifetimes, ViewsExtendTheirStorage) {
  Graph g = small_graph();
  g.tensor(3).alias_of = 2;
  EXPECT_EQ(show(arena_buffers(g)), "t0:16[0,0] t2:32[0,2] t4:8[2,2] var5:8[0,2] scratch0:100[0,0] ");
}

TEST(Lifetimes, AliasChainsAndOffsetsGrowTheStorage) {
  Graph g;
  const int a = add_tensor(g, {8});
  const int b = add_tensor(g, {8});
  const int c = add_tensor(g, {8});
  add_op(g, kCompute, {a}, {b});
  add_op(g, kCompute, {b}, {c});
  add_op(g, kCompute, {c}, {add_tensor(g, {1})});
  g.inputs = {a};
  g.outputs = {3};
  g.tensor(b).alias_of = a;
  g.tensor(b).alias_offset = 4;
  g.tensor(c).alias_of = b;  // chain c -> b -> a
  g.tensor(c).alias_offset = 4;
  EXPECT_EQ(offset_in_storage(g, c), 8u);
  EXPECT_EQ(show(arena_buffers(g)), "t0:16[0,2] t3:1[2,2] ");
}

TEST(Lifetimes, GraphWithoutOpsKeepsInputsAndOutputsTogether) {
  Graph g;
  const int a = add_tensor(g, {4});
  const int b = add_tensor(g, {4});
  g.inputs = {a, b};
  g.outputs = {a};
  EXPECT_EQ(show(arena_buffers(g)), "t0:4[0,0] t1:4[0,0] ");
}

TEST(AliasViews, AliasesNonConstantInputs) {
  Graph g = small_graph();
  AliasViews().run(g, PassOptions{});
  EXPECT_EQ(g.tensor(3).alias_of, 2);
  EXPECT_EQ(g.tensor(3).alias_offset, 0u);
  EXPECT_EQ(g.tensor(2).alias_of, -1);
  verify(g, "alias-views");
}

TEST(AliasViews, PointsAtTheStorageOwner) {
  Graph g;
  const int a = add_tensor(g, {1, 8});
  const int b = add_tensor(g, {8});
  const int c = add_tensor(g, {2, 4});
  add_op(g, kView, {a}, {b});
  add_op(g, kView, {b, add_const(g, {2})}, {c});
  g.inputs = {a};   // a graph input ...
  g.outputs = {c};  // ... viewed into a graph output: fine, both live in the arena
  AliasViews().run(g, PassOptions{});
  EXPECT_EQ(g.tensor(b).alias_of, a);
  EXPECT_EQ(g.tensor(c).alias_of, a);  // not b: chains stay one level deep
  PlanMemory().run(g, PassOptions{});
  verify(g, "plan-memory");
  EXPECT_EQ(g.tensor(a).arena_offset, 0u);
  EXPECT_EQ(g.tensor(c).arena_offset, 0u);
  EXPECT_EQ(g.arena_size, 16u);
}

TEST(AliasViews, SkipsConstantsVariablesAndGrowingViews) {
  Graph g;
  const int w = add_const(g, {8});
  const int state = add_tensor(g, {8});
  g.tensor(state).is_variable = true;
  const int small = add_tensor(g, {4});
  const int o1 = add_tensor(g, {8}), o2 = add_tensor(g, {8}), o3 = add_tensor(g, {8});
  add_op(g, kView, {w}, {o1});
  add_op(g, kView, {state}, {o2});
  add_op(g, kView, {small}, {o3});
  g.inputs = {small};
  g.outputs = {o1, o2, o3};
  AliasViews().run(g, PassOptions{});
  EXPECT_EQ(g.tensor(o1).alias_of, -1);
  EXPECT_EQ(g.tensor(o2).alias_of, -1);
  EXPECT_EQ(g.tensor(o3).alias_of, -1);
}

TEST(PlanMemory, SmallGraph) {
  Graph g = small_graph();
  AliasViews().run(g, PassOptions{});
  PlanMemory().run(g, PassOptions{});
  verify(g, "plan-memory");
  // Everything but the last op's output is live at step 0: 16 + 32 + 16 (state) + 112 (scratch).
  EXPECT_EQ(g.arena_bound, 176u);
  EXPECT_EQ(g.arena_size, 176u);
  EXPECT_EQ(g.ops[0].scratch_offset, 0u);
  EXPECT_EQ(g.tensor(2).arena_offset, 112u);
  EXPECT_EQ(g.tensor(3).arena_offset, 112u);  // the view reads its storage's offset
  EXPECT_EQ(g.tensor(0).arena_offset, 144u);
  EXPECT_EQ(g.tensor(4).arena_offset, 0u);    // reuses the scratch's place
  EXPECT_EQ(g.tensor(5).arena_offset, 160u);
  EXPECT_EQ(g.tensor(1).arena_offset, kNoOffset);  // constant
  EXPECT_EQ(g.tensor(6).arena_offset, kNoOffset);  // unused
  EXPECT_EQ(g.ops[1].scratch_offset, kNoOffset);
}

TEST(PlanMemory, VariablesNeverShare) {
  // Two ops in sequence whose tensors could all share offset 0, but a variable must stay apart.
  Graph g;
  const int a = add_tensor(g, {64});
  const int b = add_tensor(g, {64});
  const int c = add_tensor(g, {64});
  const int state = add_tensor(g, {16});
  g.tensor(state).is_variable = true;
  add_op(g, kCompute, {a}, {b});
  add_op(g, kCompute, {b}, {c});
  add_op(g, kCompute, {c, state}, {add_tensor(g, {64})});
  g.inputs = {a};
  g.outputs = {4};
  PlanMemory().run(g, PassOptions{});
  verify(g, "plan-memory");
  const std::size_t s = g.tensor(state).arena_offset;
  for (int id : {a, b, c, 4}) {
    const std::size_t o = g.tensor(id).arena_offset;
    EXPECT_TRUE(o + 64 <= s || s + 16 <= o) << "tensor " << id << " overlaps the variable";
  }
  EXPECT_EQ(g.arena_size, 144u);  // two live 64-byte tensors + 16 of state
  EXPECT_EQ(g.arena_bound, 144u);
}

TEST(PlanMemory, AlignmentOptionAndRerun) {
  Graph g = small_graph();
  PassOptions opts;
  opts.alignment = 4;
  PlanMemory().run(g, opts);
  verify(g, "plan-memory");
  for (const Tensor& t : g.tensors) {
    if (t.arena_offset != kNoOffset) EXPECT_EQ(t.arena_offset % 4, 0u) << t.id;
  }
  const std::size_t size4 = g.arena_size;
  EXPECT_EQ(g.arena_bound, 156u);  // step 0: 16 + 32 + 8 + 100
  EXPECT_EQ(g.arena_size % 4, 0u);
  PlanMemory().run(g, opts);  // idempotent
  EXPECT_EQ(g.arena_size, size4);
}

TEST(PlanMemory, ViewOfConstantIsAnInternalError) {
  Graph g;
  const int w = add_const(g, {8});
  const int v = add_tensor(g, {8});
  g.tensor(v).alias_of = w;
  add_op(g, kCompute, {v}, {add_tensor(g, {8})});
  g.outputs = {2};
  EXPECT_THROW(PlanMemory().run(g, PassOptions{}), Error);
}

}  // namespace
}  // namespace tinyaot
