// tinyaot: model writer tests: what it writes verifies, reads back into the same IR, is deterministic,
// and uses the TFLite conventions (opcode fields, buffer sentinel, external data layout).
#include <gtest/gtest.h>

#include <cstring>

#include "compiler/ops/registry.h"
#include "compiler/reader/reader.h"
#include "compiler/writer/model_writer.h"
#include "support/test_models.h"

namespace tinyaot {
namespace {

using tfl::TensorType;

const tfl::Model* parse(const std::vector<uint8_t>& bytes) {
  flatbuffers::Verifier v(bytes.data(), bytes.size());
  EXPECT_TRUE(tfl::VerifyModelBuffer(v));
  EXPECT_TRUE(flatbuffers::BufferHasIdentifier(bytes.data(), "TFL3"));
  return tfl::GetModel(bytes.data());
}

/// A model with no operators but constants of several kinds, so it reads whatever ops are registered.
ModelWriter constants_writer() {
  ModelWriter w = test::passthrough_writer();
  w.add_const_i8("w", {3, 2, 2}, test::random_i8(12, 4), test::per_channel(0.25f, 2, 1));
  w.add_const_i32("b", {3}, {-7, 0, 1 << 20}, test::per_tensor(0.001f, 0));
  w.add_const("flags", TensorType::BOOL, {2}, {1, 0});
  w.add_tensor("state", TensorType::INT16, {1, 8}, test::per_tensor(0.5f, 0));
  w.tensor(4).is_variable = true;
  return w;
}

TEST(Writer, RoundTripTensors) {
  ModelWriter w = constants_writer();
  w.set_description("constants");
  const std::vector<uint8_t> bytes = w.finish();
  parse(bytes);
  const Graph g = read_model_from_memory(bytes, "constants");
  EXPECT_EQ(g.description, "constants");
  ASSERT_EQ(g.tensors.size(), 5u);
  EXPECT_NO_THROW(verify(g, "read"));

  const Tensor& wt = g.tensors[1];
  EXPECT_EQ(wt.name, "w");
  EXPECT_EQ(wt.type, DType::kInt8);
  EXPECT_EQ(wt.shape, (Shape{3, 2, 2}));
  EXPECT_TRUE(wt.is_const);
  const std::vector<int8_t> expected = test::random_i8(12, 4);
  ASSERT_EQ(wt.data.size(), 12u);
  EXPECT_EQ(std::memcmp(wt.data.data(), expected.data(), 12), 0);
  ASSERT_TRUE(wt.quant.per_channel());
  EXPECT_EQ(wt.quant.axis, 1);
  EXPECT_FLOAT_EQ(wt.quant.scale[1], 0.25f * 1.1f);
  EXPECT_EQ(wt.quant.zero_point, (std::vector<int64_t>{0, 0}));

  const Tensor& b = g.tensors[2];
  EXPECT_EQ(b.type, DType::kInt32);
  ASSERT_EQ(b.data.size(), 12u);
  EXPECT_EQ(b.data_as<int32_t>()[0], -7);
  EXPECT_EQ(b.data_as<int32_t>()[2], 1 << 20);
  EXPECT_FLOAT_EQ(b.quant.s(), 0.001f);

  EXPECT_EQ(g.tensors[3].type, DType::kBool);
  EXPECT_EQ(g.tensors[3].data, (std::vector<uint8_t>{1, 0}));
  EXPECT_TRUE(g.tensors[4].is_variable);
  EXPECT_FALSE(g.tensors[4].is_const);
}

TEST(Writer, IsDeterministic) {
  EXPECT_EQ(constants_writer().finish(), constants_writer().finish());
  EXPECT_EQ(test::conv_model(), test::conv_model());
}

TEST(Writer, FileConventions) {
  ModelWriter w = test::passthrough_writer();
  const int out = w.add_tensor("y", TensorType::INT8, {1, 4}, test::per_tensor(0.5f, 0));
  w.add_op(tfl::BuiltinOperator::STABLEHLO_ADD, {0}, {out});
  w.add_op(tfl::BuiltinOperator::STABLEHLO_ADD, {out}, {w.add_tensor("z", TensorType::INT8, {1, 4})});
  w.add_op(tfl::BuiltinOperator::CONV_2D, {0}, {w.add_tensor("c", TensorType::INT8, {1, 4})});
  w.add_metadata("min_runtime_version", {'1', '.', '0', 0});
  const std::vector<uint8_t> bytes = w.finish();
  const tfl::Model* m = parse(bytes);
  EXPECT_EQ(m->version(), 3u);
  ASSERT_EQ(m->operator_codes()->size(), 2u);  // shared by equal codes
  EXPECT_EQ(m->operator_codes()->Get(0)->deprecated_builtin_code(), 127);
  EXPECT_EQ(m->operator_codes()->Get(0)->builtin_code(), tfl::BuiltinOperator::STABLEHLO_ADD);
  EXPECT_EQ(m->operator_codes()->Get(1)->deprecated_builtin_code(), 3);
  EXPECT_EQ(m->buffers()->Get(0)->data(), nullptr);  // the empty sentinel
  ASSERT_EQ(m->metadata()->size(), 1u);
  EXPECT_EQ(m->metadata()->Get(0)->name()->str(), "min_runtime_version");
  EXPECT_EQ(m->buffers()->Get(m->metadata()->Get(0)->buffer())->data()->size(), 4u);
}

TEST(Writer, ExternalBuffersFollowTheFlatbuffer) {
  ModelWriter w = constants_writer();
  for (std::size_t i = 1; i < w.spec().buffers.size(); ++i) w.spec().buffers[i].external = true;
  const std::vector<uint8_t> bytes = w.finish();
  const tfl::Model* m = parse(bytes);
  uint64_t previous_end = 0;
  for (std::size_t i = 1; i < m->buffers()->size(); ++i) {
    const tfl::Buffer* b = m->buffers()->Get(static_cast<flatbuffers::uoffset_t>(i));
    EXPECT_EQ(b->data(), nullptr);
    EXPECT_EQ(b->offset() % 16, 0u);
    EXPECT_GE(b->offset(), previous_end);
    previous_end = b->offset() + b->size();
  }
  EXPECT_LE(previous_end, bytes.size());
  const Graph ext = read_model_from_memory(bytes, "ext");
  const Graph inl = read_model_from_memory(constants_writer().finish(), "inline");
  for (std::size_t i = 0; i < inl.tensors.size(); ++i) EXPECT_EQ(ext.tensors[i].data, inl.tensors[i].data) << i;
}

void expect_same_ir(const Graph& g, const ModelWriter& w) {
  const ModelSpec::SubGraph& sg = w.spec().subgraphs[0];
  ASSERT_EQ(g.tensors.size(), sg.tensors.size());
  for (std::size_t i = 0; i < sg.tensors.size(); ++i) {
    EXPECT_EQ(g.tensors[i].name, sg.tensors[i].name);
    EXPECT_EQ(g.tensors[i].shape, sg.tensors[i].shape);
    EXPECT_EQ(g.tensors[i].quant.scale, sg.tensors[i].scale);
    EXPECT_EQ(g.tensors[i].is_const, sg.tensors[i].buffer != 0);
  }
  ASSERT_EQ(g.ops.size(), sg.operators.size());
  for (std::size_t i = 0; i < g.ops.size(); ++i) {
    EXPECT_EQ(g.ops[i].index, static_cast<int>(i));
    EXPECT_EQ(g.ops[i].inputs, sg.operators[i].inputs);
    EXPECT_EQ(g.ops[i].outputs, sg.operators[i].outputs);
    EXPECT_NE(g.ops[i].def, nullptr);
  }
  EXPECT_EQ(g.inputs, sg.inputs);
  EXPECT_EQ(g.outputs, sg.outputs);
  EXPECT_NO_THROW(verify(g, "read"));
}

TEST(Writer, RoundTripFullyConnected) {
  if (!find_op(static_cast<int>(tfl::BuiltinOperator::FULLY_CONNECTED))) GTEST_SKIP() << "FULLY_CONNECTED not registered";
  const ModelWriter w = test::fc_writer();
  const Graph g = read_model_from_memory(w.finish(), "fc");
  expect_same_ir(g, w);
  EXPECT_EQ(g.ops[0].type(), "FULLY_CONNECTED");
}

TEST(Writer, RoundTripConv) {
  if (!find_op(static_cast<int>(tfl::BuiltinOperator::CONV_2D))) GTEST_SKIP() << "CONV_2D not registered";
  const ModelWriter w = test::conv_writer();
  const Graph g = read_model_from_memory(w.finish(), "conv");
  expect_same_ir(g, w);
  EXPECT_EQ(g.ops[0].type(), "CONV_2D");
  EXPECT_NE(g.ops[0].attrs, nullptr);
}

TEST(Writer, OptionsReachTheFile) {
  const std::vector<uint8_t> bytes = test::conv_model();
  const tfl::Model* m = parse(bytes);
  const tfl::Operator* op = m->subgraphs()->Get(0)->operators()->Get(0);
  ASSERT_EQ(op->builtin_options_type(), tfl::BuiltinOptions::Conv2DOptions);
  const tfl::Conv2DOptions* o = op->builtin_options_as_Conv2DOptions();
  EXPECT_EQ(o->padding(), tfl::Padding::SAME);
  EXPECT_EQ(o->stride_w(), 1);
  EXPECT_EQ(o->fused_activation_function(), tfl::ActivationFunctionType::RELU);
  EXPECT_EQ(o->dilation_h_factor(), 1);
}

}  // namespace
}  // namespace tinyaot
