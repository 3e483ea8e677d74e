// tinyaot: compile-side tests of AVERAGE/MAX_POOL_2D, ADD, SOFTMAX, MEAN, PAD, TRANSPOSE, QUANTIZE and
// RESHAPE: small models built with the ModelWriter go through the real pipeline; unsupported or
// inconsistent ones must fail with the right error kind located at the op and tensor, and RESHAPE must
// emit a copy only when it cannot be a view.
#include <gtest/gtest.h>

#include <string>

#include "compiler/driver/pipeline.h"
#include "compiler/emit/emitter.h"
#include "compiler/reader/reader.h"
#include "compiler/reader/tflite_subset_generated.h"
#include "compiler/support/error.h"
#include "support/test_models.h"

namespace tinyaot {
namespace {

using tfl::BuiltinOperator;
using tfl::TensorType;
using test::per_tensor;

Graph compile_graph(const ModelWriter& w) {
  Graph g = read_model_from_memory(w.finish(), "t");
  run_pipeline(g, PipelineOptions{});
  return g;
}

std::string model_source(const ModelWriter& w) {
  const Graph g = compile_graph(w);
  const EmittedFiles f = emit_model(g, EmitOptions{"t", "t.tflite", false, 16});
  return f.files.at("t.cpp");
}

/// Runs the pipeline and returns the error it must throw.
Error expect_error(const ModelWriter& w) {
  try {
    compile_graph(w);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return Error(ErrorKind::kInternal, "none");
}

OptionsFn pool_options(int f, int s) {
  return make_options(tfl::BuiltinOptions::Pool2DOptions, [=](flatbuffers::FlatBufferBuilder& b) {
    return tfl::CreatePool2DOptions(b, tfl::Padding::VALID, s, s, f, f).Union();
  });
}

TEST(OpsChecks, ReshapeOfConstantIsCopiedAndReshapeOfActivationIsAView) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {4}, per_tensor(0.5f, 0));
  const int c = w.add_const_i8("c", {2, 2}, {1, 2, 3, 4}, per_tensor(0.5f, 0));
  const int shape = w.add_const_i32("shape", {1}, {4});
  const int r = w.add_tensor("r", TensorType::INT8, {4}, per_tensor(0.5f, 0));
  const int sum = w.add_tensor("sum", TensorType::INT8, {4}, per_tensor(0.5f, 0));
  const int shape2 = w.add_const_i32("shape2", {2}, {2, -1});
  const int out = w.add_tensor("out", TensorType::INT8, {2, 2}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::RESHAPE, {c, shape}, {r});
  w.add_op(BuiltinOperator::ADD, {x, r}, {sum});
  w.add_op(BuiltinOperator::RESHAPE, {sum, shape2}, {out});
  w.set_inputs({x});
  w.set_outputs({out});
  const std::string src = model_source(w);
  EXPECT_NE(src.find("tinyaot_rt::copy_bytes(weights::"), std::string::npos) << src;
  EXPECT_NE(src.find("(a view: no code)"), std::string::npos) << src;
}

TEST(OpsChecks, ReshapeElementCountMustMatch) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {2, 3}, per_tensor(0.5f, 0));
  const int shape = w.add_const_i32("shape", {1}, {5});
  const int out = w.add_tensor("out", TensorType::INT8, {5}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::RESHAPE, {x, shape}, {out});
  w.set_inputs({x});
  w.set_outputs({out});
  const Error e = expect_error(w);
  EXPECT_EQ(e.kind(), ErrorKind::kInvalidModel);
  EXPECT_EQ(e.op_index(), 0);
}

TEST(OpsChecks, PoolingNeedsEqualInputAndOutputQuantization) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {1, 4, 4, 2}, per_tensor(0.5f, 0));
  const int y = w.add_tensor("y", TensorType::INT8, {1, 2, 2, 2}, per_tensor(0.5f, 3));
  w.add_op(BuiltinOperator::MAX_POOL_2D, {x}, {y}, pool_options(2, 2));
  w.set_inputs({x});
  w.set_outputs({y});
  const Error e = expect_error(w);
  EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(e.op_type(), "MAX_POOL_2D");
  EXPECT_EQ(e.tensor_index(), y);

  // Wrong output shape for a 2x2 / stride 2 VALID window.
  ModelWriter v;
  const int a = v.add_tensor("a", TensorType::INT8, {1, 4, 4, 2}, per_tensor(0.5f, 0));
  const int b = v.add_tensor("b", TensorType::INT8, {1, 3, 3, 2}, per_tensor(0.5f, 0));
  v.add_op(BuiltinOperator::AVERAGE_POOL_2D, {a}, {b}, pool_options(2, 2));
  v.set_inputs({a});
  v.set_outputs({b});
  EXPECT_EQ(expect_error(v).kind(), ErrorKind::kInvalidModel);
}

TEST(OpsChecks, SoftmaxOutputQuantizationIsFixed) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {1, 10}, per_tensor(0.1f, 0));
  const int y = w.add_tensor("y", TensorType::INT8, {1, 10}, per_tensor(1.0f / 256, -127));
  w.add_op(BuiltinOperator::SOFTMAX, {x}, {y}, make_options(tfl::BuiltinOptions::SoftmaxOptions, [](auto& b) {
             return tfl::CreateSoftmaxOptions(b, 1.0f).Union();
           }));
  w.set_inputs({x});
  w.set_outputs({y});
  const Error e = expect_error(w);
  EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(e.tensor_index(), y);
}

TEST(OpsChecks, AddShapesMustBroadcast) {
  ModelWriter w;
  const int a = w.add_tensor("a", TensorType::INT8, {2, 3}, per_tensor(0.1f, 0));
  const int b = w.add_tensor("b", TensorType::INT8, {4}, per_tensor(0.1f, 0));
  const int y = w.add_tensor("y", TensorType::INT8, {2, 3}, per_tensor(0.2f, 0));
  w.add_op(BuiltinOperator::ADD, {a, b}, {y});
  w.set_inputs({a, b});
  w.set_outputs({y});
  EXPECT_EQ(expect_error(w).kind(), ErrorKind::kInvalidModel);
}

TEST(OpsChecks, MeanAxesMustBeConstant) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {1, 4, 4, 2}, per_tensor(0.1f, 0));
  const int axes = w.add_tensor("axes", TensorType::INT32, {2});
  const int y = w.add_tensor("y", TensorType::INT8, {1, 2}, per_tensor(0.1f, 0));
  w.add_op(BuiltinOperator::MEAN, {x, axes}, {y});
  w.set_inputs({x, axes});
  w.set_outputs({y});
  const Error e = expect_error(w);
  EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(e.tensor_index(), axes);
}

TEST(OpsChecks, TransposeNeedsAPermutationAndPadNonNegativePaddings) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {2, 3}, per_tensor(0.1f, 0));
  const int perm = w.add_const_i32("perm", {2}, {0, 0});
  const int y = w.add_tensor("y", TensorType::INT8, {2, 3}, per_tensor(0.1f, 0));
  w.add_op(BuiltinOperator::TRANSPOSE, {x, perm}, {y});
  w.set_inputs({x});
  w.set_outputs({y});
  EXPECT_EQ(expect_error(w).kind(), ErrorKind::kInvalidModel);

  ModelWriter v;
  const int a = v.add_tensor("a", TensorType::INT8, {2, 3}, per_tensor(0.1f, 0));
  const int pads = v.add_const_i32("pads", {2, 2}, {0, 0, -1, 0});
  const int b = v.add_tensor("b", TensorType::INT8, {2, 2}, per_tensor(0.1f, 0));
  v.add_op(BuiltinOperator::PAD, {a, pads}, {b});
  v.set_inputs({a});
  v.set_outputs({b});
  const Error e = expect_error(v);
  EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(e.tensor_index(), pads);
}

TEST(OpsChecks, QuantizeFromInt32IsUnsupported) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT32, {4}, per_tensor(0.01f, 0));
  const int y = w.add_tensor("y", TensorType::INT8, {4}, per_tensor(0.1f, 0));
  w.add_op(BuiltinOperator::QUANTIZE, {x}, {y});
  w.set_inputs({x});
  w.set_outputs({y});
  const Error e = expect_error(w);
  EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(e.op_type(), "QUANTIZE") << e.what();
  EXPECT_EQ(e.tensor_index(), y);
}

TEST(OpsChecks, QuantizeFromFloatEmitsExactScale) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::FLOAT32, {4});
  const int y = w.add_tensor("y", TensorType::INT8, {4}, per_tensor(0.1f, 5));
  w.add_op(BuiltinOperator::QUANTIZE, {x}, {y});
  w.set_inputs({x});
  w.set_outputs({y});
  const std::string src = model_source(w);
  // 0.1f is 0x1.99999ap-4: the literal must reproduce the float exactly.
  EXPECT_NE(src.find("/*scale=*/0x1.99999ap-4f, /*zero_point=*/5"), std::string::npos) << src;
  EXPECT_NE(src.find("tinyaot_rt::quantize_float(op0_params, "), std::string::npos) << src;
}

}  // namespace
}  // namespace tinyaot
