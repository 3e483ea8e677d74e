// tinyaot: unit tests of the IR helpers, verifier and dump.
#include <gtest/gtest.h>

#include "compiler/ir/graph.h"
#include "compiler/ops/registry.h"
#include "compiler/support/error.h"

namespace tinyaot {
namespace {

Tensor make(int id, DType t, Shape s) {
  Tensor x;
  x.id = id;
  x.name = "t" + std::to_string(id);
  x.type = t;
  x.shape = std::move(s);
  return x;
}

/// A graph with one op of any registered definition: t0 -> op -> t1.
Graph one_op_graph() {
  Graph g;
  g.tensors = {make(0, DType::kInt8, {1, 4}), make(1, DType::kInt8, {1, 4})};
  g.inputs = {0};
  g.outputs = {1};
  Op op;
  op.index = 0;
  op.def = all_ops().empty() ? nullptr : all_ops().front();
  op.inputs = {0};
  op.outputs = {1};
  g.ops.push_back(op);
  return g;
}

TEST(Dtype, SizesAndNames) {
  EXPECT_EQ(dtype_size(DType::kInt8), 1u);
  EXPECT_EQ(dtype_size(DType::kInt16), 2u);
  EXPECT_EQ(dtype_size(DType::kInt32), 4u);
  EXPECT_EQ(dtype_size(DType::kInt64), 8u);
  EXPECT_STREQ(dtype_name(DType::kInt16), "int16");
  EXPECT_STREQ(dtype_ctype(DType::kInt32), "int32_t");
}

TEST(Tensor, ElementsAndBytes) {
  Tensor t = make(0, DType::kInt16, {2, 3, 5});
  EXPECT_EQ(t.num_elements(), 30);
  EXPECT_EQ(t.bytes(), 60u);
  EXPECT_EQ(describe(t), "int16[2,3,5]");
}

TEST(Graph, StorageFollowsAliases) {
  Graph g;
  g.tensors = {make(0, DType::kInt8, {4}), make(1, DType::kInt8, {2, 2}), make(2, DType::kInt8, {1, 4})};
  g.tensors[1].alias_of = 0;
  g.tensors[2].alias_of = 1;
  EXPECT_EQ(g.storage(2).id, 0);
  EXPECT_EQ(g.storage(0).id, 0);
}

TEST(Verify, AcceptsValidGraph) {
  Graph g = one_op_graph();
  if (!g.ops[0].def) GTEST_SKIP() << "no op registered yet";
  EXPECT_NO_THROW(verify(g, "test"));
}

TEST(Verify, RejectsUseBeforeDefinition) {
  Graph g = one_op_graph();
  if (!g.ops[0].def) GTEST_SKIP() << "no op registered yet";
  g.inputs = {};
  try {
    verify(g, "my-pass");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInternal);
    EXPECT_NE(std::string(e.what()).find("after 'my-pass'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("before it is produced"), std::string::npos);
  }
}

TEST(Verify, RejectsTensorOutsideArena) {
  Graph g = one_op_graph();
  if (!g.ops[0].def) GTEST_SKIP() << "no op registered yet";
  g.arena_size = 16;
  g.tensors[0].arena_offset = 0;
  g.tensors[1].arena_offset = 16;  // 4 bytes past the end
  EXPECT_THROW(verify(g, "plan"), Error);
  g.arena_size = 32;
  EXPECT_NO_THROW(verify(g, "plan"));
}

TEST(Verify, RejectsConstantWithWrongDataSize) {
  Graph g = one_op_graph();
  if (!g.ops[0].def) GTEST_SKIP() << "no op registered yet";
  g.tensors.push_back(make(2, DType::kInt32, {3}));
  g.tensors[2].is_const = true;
  g.tensors[2].data.resize(11);
  EXPECT_THROW(verify(g, "x"), Error);
  g.tensors[2].data.resize(12);
  EXPECT_NO_THROW(verify(g, "x"));
}

TEST(Dump, IsStableAndNamesEverything) {
  Graph g = one_op_graph();
  if (!g.ops[0].def) GTEST_SKIP() << "no op registered yet";
  g.tensors[0].quant.scale = {0.5f};
  g.tensors[0].quant.zero_point = {-3};
  const std::string a = dump(g), b = dump(g);
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("t0 int8[1,4] q=(0.5, -3)"), std::string::npos) << a;
  EXPECT_NE(a.find("op0 "), std::string::npos) << a;
}

TEST(Error, MessageNamesFileOpTensorAndReason) {
  Error e(ErrorKind::kUnsupported, "int4 weights are not supported");
  e.at_op(3, "CONV_2D").at_tensor(7, "conv/weights").in_file("m.tflite");
  EXPECT_STREQ(e.what(), "m.tflite: op 3 (CONV_2D): tensor 7 'conv/weights': unsupported: int4 weights are not supported");
  EXPECT_EQ(exit_code(e.kind()), 4);
}

}  // namespace
}  // namespace tinyaot
