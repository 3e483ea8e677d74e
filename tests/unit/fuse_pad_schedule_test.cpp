// tinyaot: unit tests of the fuse-pad and schedule passes on graphs built by hand, and the kernel-level
// fact fuse-pad relies on: PAD with the zero point then a convolution equals the convolution reading the
// unpadded tensor with its top/left padding grown.
#include <gtest/gtest.h>

#include <vector>

#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "passes/fuse_pad.h"
#include "passes/plan_memory.h"
#include "passes/schedule.h"
#include "support/graph_build.h"
#include "tinyaot_rt/conv2d.h"
#include "tinyaot_rt/pad.h"

namespace tinyaot {
namespace {

/// An op definition with a chosen name: the passes only look at the name and the prepared data.
class NamedOp : public OpDef {
 public:
  explicit NamedOp(std::string_view n) : name_(n) {}
  std::string_view name() const override { return name_; }
  int builtin_code() const override { return -1; }
  std::string_view summary() const override { return ""; }
  void check(const Graph&, const Op&) const override {}
  void emit(EmitContext&, const Graph&, const Op&) const override {}

 private:
  std::string_view name_;
};

const NamedOp kPad("PAD"), kConv("CONV_2D"), kOther("FAKE");

int tensor(Graph& g, Shape shape, int32_t zp = 0) { return test::add_tensor(g, std::move(shape), DType::kInt8, 0.5f, zp); }

int paddings(Graph& g, std::vector<int32_t> v) {
  const int id = tensor(g, {4, 2});
  Tensor& t = g.tensor(id);
  t.type = DType::kInt32;
  t.is_const = true;
  t.data.assign(reinterpret_cast<const uint8_t*>(v.data()), reinterpret_cast<const uint8_t*>(v.data()) + 32);
  return id;
}

Op& op(Graph& g, const OpDef& def, std::vector<int> in, std::vector<int> out) {
  return test::add_op(g, def, std::move(in), std::move(out));
}

/// x[1,6,6,2] -PAD(top 1, bottom 2, left 0, right 1)-> y[1,9,7,2] -CONV (pad 1,1)-> z
Graph pad_conv_graph(int32_t pad_zp) {
  Graph g;
  const int x = tensor(g, {1, 6, 6, 2}, 5);
  const int y = tensor(g, {1, 9, 7, 2}, pad_zp);
  const int w = tensor(g, {3, 3, 3, 2});
  g.tensor(w).is_const = true;
  g.tensor(w).data.assign(g.tensor(w).bytes(), 1);
  const int z = tensor(g, {1, 9, 7, 3});
  op(g, kPad, {x, paddings(g, {0, 0, 1, 2, 0, 1, 0, 0})}, {y});
  auto p = std::make_shared<ConvPrepared>();
  p->pad_h = 1;
  p->pad_w = 1;
  op(g, kConv, {y, w}, {z}).prepared = p;
  g.inputs = {x};
  g.outputs = {z};
  return g;
}

TEST(FusePad, FoldsZeroPointPadIntoTheConvolution) {
  Graph g = pad_conv_graph(5);
  ASSERT_TRUE(can_fuse_pad(g, 0));
  FusePad().run(g, PassOptions{});
  verify(g, "fuse-pad");
  ASSERT_EQ(g.ops.size(), 1u);
  EXPECT_EQ(g.ops[0].inputs[0], 0);  // reads the unpadded tensor
  EXPECT_EQ(g.ops[0].prepared_as<ConvPrepared>().pad_h, 2);
  EXPECT_EQ(g.ops[0].prepared_as<ConvPrepared>().pad_w, 1);
}

TEST(FusePad, KeepsOtherPads) {
  Graph g = pad_conv_graph(4);  // the pad value (output zero point) differs from the input's zero point
  EXPECT_FALSE(can_fuse_pad(g, 0));
  Graph h = pad_conv_graph(5);
  op(h, kOther, {1}, {tensor(h, {1})});  // a non-convolution also reads the padded tensor
  EXPECT_FALSE(can_fuse_pad(h, 0));
  Graph k = pad_conv_graph(5);
  k.outputs.push_back(1);  // the padded tensor is a graph output
  EXPECT_FALSE(can_fuse_pad(k, 0));
}

TEST(FusePad, KernelEquivalence) {
  // PAD(top 1, bottom 2, left 2, right 0) with the zero point, then a 3x3 stride-2 VALID conv, equals the
  // conv over the unpadded input with pad (1, 2) and the same output size.
  const int32_t zp = -7, h = 7, w = 6, c = 3, oc = 4;
  std::vector<int8_t> x(static_cast<std::size_t>(h * w * c)), f(static_cast<std::size_t>(oc * 9 * c));
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<int8_t>((i * 37 + 11) % 251 - 125);
  for (std::size_t i = 0; i < f.size(); ++i) f[i] = static_cast<int8_t>((i * 53 + 3) % 201 - 100);
  const int32_t ph = h + 3, pw = w + 2;
  std::vector<int8_t> y(static_cast<std::size_t>(ph * pw * c));
  const tinyaot_rt::PadParams pp = {{1, 1, 1, h, w, c}, {1, 1, 1, ph, pw, c}, {0, 0, 0, 1, 2, 0}};
  tinyaot_rt::pad<int8_t>(pp, x.data(), y.data(), static_cast<int8_t>(zp));
  const int32_t out_h = (ph - 3) / 2 + 1, out_w = (pw - 3) / 2 + 1;
  std::vector<int32_t> bias(oc, 300), mult(oc, 1 << 30), shift(oc, -6);
  tinyaot_rt::Conv2DParams p = {1, ph, pw, c, 3, 3, c, out_h, out_w, oc, 2, 2, 1, 1, 0, 0, zp, 3, -128, 127};
  std::vector<int8_t> ref(static_cast<std::size_t>(out_h * out_w * oc)), fused(ref.size());
  tinyaot_rt::conv2d_s8(p, y.data(), f.data(), bias.data(), mult.data(), shift.data(), ref.data());
  p.input_h = h;
  p.input_w = w;
  p.pad_h = 1;
  p.pad_w = 2;
  tinyaot_rt::conv2d_s8(p, x.data(), f.data(), bias.data(), mult.data(), shift.data(), fused.data());
  EXPECT_EQ(fused, ref);
}

/// in -> A1 (big) -> A2 (small); in -> B1 (big) -> B2 (small); A2 + B2 -> out, stored interleaved.
Graph two_branches() {
  Graph g;
  const int in = tensor(g, {16});
  const int a1 = tensor(g, {400}), b1 = tensor(g, {400}), a2 = tensor(g, {16}), b2 = tensor(g, {16});
  const int out = tensor(g, {16});
  op(g, kOther, {in}, {a1});
  op(g, kOther, {in}, {b1});
  op(g, kOther, {a1}, {a2});
  op(g, kOther, {b1}, {b2});
  op(g, kOther, {a2, b2}, {out});
  g.inputs = {in};
  g.outputs = {out};
  return g;
}

TEST(Schedule, FinishesOneBranchBeforeStartingTheOther) {
  Graph g = two_branches();
  Graph stored = g;
  PlanMemory().run(stored, PassOptions{});
  EXPECT_EQ(stored.arena_size, 16u + 400u + 400u);
  Schedule().run(g, PassOptions{});
  verify(g, "schedule");
  PlanMemory().run(g, PassOptions{});
  EXPECT_EQ(g.arena_size, 16u + 400u + 16u);
  // Every op still comes after its producers (verify() checks it) and the graph keeps all five ops.
  EXPECT_EQ(g.ops.size(), 5u);
}

TEST(Schedule, CandidateOrdersStartWithTheStoredOne) {
  const Graph g = two_branches();
  const auto orders = candidate_orders(g);
  ASSERT_GE(orders.size(), 2u);
  EXPECT_EQ(orders[0], (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace tinyaot
