// tinyaot: compile-side tests of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED: small models built with
// the ModelWriter go through the real pipeline; supported variants emit the expected kernel call and
// parameters, unsupported or inconsistent ones fail with the right error kind at the op and tensor.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "compiler/driver/pipeline.h"
#include "compiler/emit/emitter.h"
#include "compiler/reader/reader.h"
#include "compiler/reader/tflite_subset_generated.h"
#include "compiler/support/error.h"
#include "support/test_models.h"

namespace tinyaot {
namespace {

using tfl::TensorType;
using test::per_channel;
using test::per_tensor;

std::string model_source(const ModelWriter& w) {
  Graph g = read_model_from_memory(w.finish(), "t");
  run_pipeline(g, PipelineOptions{});
  return emit_model(g, EmitOptions{"t", "t.tflite", false, 16}).files.at("t.cpp");
}

Error expect_error(const ModelWriter& w) {
  try {
    Graph g = read_model_from_memory(w.finish(), "t");
    run_pipeline(g, PipelineOptions{});
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return Error(ErrorKind::kInternal, "none");
}

void expect_rejected(const ModelWriter& w, ErrorKind kind, const std::string& op, int tensor) {
  const Error e = expect_error(w);
  EXPECT_EQ(e.kind(), kind) << e.what();
  EXPECT_EQ(e.op_type(), op) << e.what();
  EXPECT_EQ(e.tensor_index(), tensor) << e.what();
}

OptionsFn dw_options(int multiplier, tfl::ActivationFunctionType act = tfl::ActivationFunctionType::NONE) {
  return make_options(tfl::BuiltinOptions::DepthwiseConv2DOptions, [=](flatbuffers::FlatBufferBuilder& b) {
    return tfl::CreateDepthwiseConv2DOptions(b, tfl::Padding::SAME, 1, 1, multiplier, act).Union();
  });
}

/// int8[1,5,5,2] -> DEPTHWISE_CONV_2D 3x3 SAME, multiplier 2 -> int8[1,5,5,4]; tensors 0 in, 1 filter,
/// 2 bias, 3 out.
ModelWriter dw_writer(int option_multiplier) {
  ModelWriter w;
  const int in = w.add_tensor("in", TensorType::INT8, {1, 5, 5, 2}, per_tensor(0.05f, 3));
  const int f = w.add_const_i8("f", {1, 3, 3, 4}, test::random_i8(36, 9), per_channel(0.01f, 4, 3));
  const int b = w.add_const_i32("b", {4}, {1, 2, 3, 4});
  const int out = w.add_tensor("out", TensorType::INT8, {1, 5, 5, 4}, per_tensor(0.1f, -2));
  w.add_op(tfl::BuiltinOperator::DEPTHWISE_CONV_2D, {in, f, b}, {out}, dw_options(option_multiplier));
  w.set_inputs({in});
  w.set_outputs({out});
  return w;
}

/// True when `src` calls tinyaot_rt::KERNEL_TYPE(op0_params, ...) or its in-place variant.
bool calls_kernel(const std::string& src, const std::string& kernel, const std::string& type) {
  return src.find("tinyaot_rt::" + kernel + "_" + type + "(op0_params,") != std::string::npos ||
         src.find("tinyaot_rt::" + kernel + "_inplace_" + type + "(op0_params,") != std::string::npos;
}

TEST(ConvOps, ConvEmitsParamsAndKernelCall) {
  const std::string src = model_source(test::conv_writer());
  EXPECT_NE(src.find("constexpr tinyaot_rt::Conv2DParams op0_params = {"), std::string::npos) << src;
  EXPECT_NE(src.find("/*pad_h=*/1, /*pad_w=*/1, /*input_zero_point=*/10, /*output_zero_point=*/-128"),
            std::string::npos)
      << src;
  // The planner may run the convolution over its own input (the in-place variant of the same kernel).
  EXPECT_TRUE(calls_kernel(src, "conv2d", "s8")) << src;
}

TEST(ConvOps, ConvRejectsUnsupportedTypesAndActivations) {
  ModelWriter w = test::conv_writer();
  w.tensor(1).type = TensorType::UINT8;  // same size, wrong type
  expect_rejected(w, ErrorKind::kUnsupported, "CONV_2D", 1);

  w = test::conv_writer();
  w.op(0).options = make_options(tfl::BuiltinOptions::Conv2DOptions, [](flatbuffers::FlatBufferBuilder& b) {
    return tfl::CreateConv2DOptions(b, tfl::Padding::SAME, 1, 1, tfl::ActivationFunctionType::TANH).Union();
  });
  expect_rejected(w, ErrorKind::kUnsupported, "CONV_2D", -1);

  w = test::conv_writer();
  w.tensor(1).zero_point[2] = 1;  // asymmetric weights
  expect_rejected(w, ErrorKind::kUnsupported, "CONV_2D", 1);
}

TEST(ConvOps, ConvRejectsInconsistentShapesAndScales) {
  ModelWriter w = test::conv_writer();
  w.tensor(3).shape = {1, 7, 8, 4};  // SAME stride 1 keeps 8x8
  expect_rejected(w, ErrorKind::kInvalidModel, "CONV_2D", 3);

  w = test::conv_writer();
  w.tensor(1).scale.pop_back();  // 3 scales for 4 output channels (the reader already refuses it)
  w.tensor(1).zero_point.pop_back();
  const Error e = expect_error(w);
  EXPECT_EQ(e.kind(), ErrorKind::kInvalidModel) << e.what();
  EXPECT_EQ(e.tensor_index(), 1) << e.what();

  w = test::conv_writer();
  w.tensor(1).quantized_dimension = 3;  // per-channel along input channels: 3 scales would fit, 4 do not
  w.tensor(1).shape = {4, 3, 3, 4};
  w.spec().buffers[w.tensor(1).buffer].data.resize(4 * 3 * 3 * 4);
  w.tensor(0).shape = {1, 8, 8, 4};
  expect_rejected(w, ErrorKind::kUnsupported, "CONV_2D", 1);
}

TEST(ConvOps, DepthwiseMultiplierFromShapes) {
  const std::string src = model_source(dw_writer(2));
  EXPECT_NE(src.find("/*filter_h=*/3, /*filter_w=*/3, /*depth_multiplier=*/2,"), std::string::npos) << src;
  EXPECT_TRUE(calls_kernel(src, "depthwise_conv2d", "s8")) << src;
  expect_rejected(dw_writer(3), ErrorKind::kInvalidModel, "DEPTHWISE_CONV_2D", -1);
}

TEST(ConvOps, DepthwiseInt16NeedsInt64Bias) {
  ModelWriter w = dw_writer(2);
  for (int id : {0, 3}) {
    w.tensor(id).type = TensorType::INT16;
    w.tensor(id).zero_point = {0};
  }
  expect_rejected(w, ErrorKind::kUnsupported, "DEPTHWISE_CONV_2D", 2);  // int32 bias
  std::vector<uint8_t> b64(4 * 8, 0);
  const int bias = w.add_const("b64", TensorType::INT64, {4}, b64);
  w.op(0).inputs[2] = bias;
  EXPECT_TRUE(calls_kernel(model_source(w), "depthwise_conv2d", "s16"));
}

TEST(ConvOps, FullyConnectedFoldsZeroPointOrDropsBias) {
  ModelWriter w = test::fc_writer();
  w.op(0).inputs.resize(2);  // no bias, but in_zp -5 still gives a folded bias
  std::string src = model_source(w);
  EXPECT_NE(src.find("tinyaot_rt::fully_connected_s8(op0_params,"), std::string::npos) << src;
  EXPECT_NE(src.find("weights::op0_bias"), std::string::npos) << src;
  w.tensor(0).zero_point = {0};
  w.op(0).inputs = {0, 1, -1};  // omitted optional bias, zero point 0: nothing to add
  src = model_source(w);
  EXPECT_NE(src.find("static_cast<const int32_t*>(nullptr)"), std::string::npos) << src;
}

TEST(ConvOps, FullyConnectedFlattensLeadingDimensions) {
  ModelWriter w = test::fc_writer();
  w.tensor(0).shape = {2, 2, 8};  // 2 rows of 16
  w.tensor(3).shape = {2, 8};
  const std::string src = model_source(w);
  EXPECT_NE(src.find("/*batches=*/2, /*accum_depth=*/16, /*output_depth=*/8,"), std::string::npos) << src;
  w.tensor(3).shape = {1, 8};  // one row where the input holds two
  expect_rejected(w, ErrorKind::kInvalidModel, "FULLY_CONNECTED", 3);
}

TEST(ConvOps, FullyConnectedRejectsShuffledWeightsAndBadBias) {
  ModelWriter w = test::fc_writer();
  w.op(0).options = make_options(tfl::BuiltinOptions::FullyConnectedOptions, [](flatbuffers::FlatBufferBuilder& b) {
    return tfl::CreateFullyConnectedOptions(b, tfl::ActivationFunctionType::NONE,
                                            tfl::FullyConnectedOptionsWeightsFormat::SHUFFLED4x16INT8)
        .Union();
  });
  expect_rejected(w, ErrorKind::kUnsupported, "FULLY_CONNECTED", -1);

  w = test::fc_writer();
  w.tensor(2).shape = {4};
  w.spec().buffers[w.tensor(2).buffer].data.resize(16);
  expect_rejected(w, ErrorKind::kInvalidModel, "FULLY_CONNECTED", 2);
}

}  // namespace
}  // namespace tinyaot
