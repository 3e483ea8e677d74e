// tinyaot: compile-side tests of SUB, MUL, MAXIMUM/MINIMUM, RELU6, LOGISTIC, TANH, HARD_SWISH,
// L2_NORMALIZATION, DEQUANTIZE and TRANSPOSE_CONV: small models built with the ModelWriter go through the
// real pipeline. Checks that Prepare-time constants come out as TFLite Micro computes them (float vs double
// ratios, frexp-based scaling, Q15 multipliers), that the scratch buffer is requested, and that unsupported
// variants fail with a located error.
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
  return emit_model(g, EmitOptions{"t", "t.tflite", false, 16}).files.at("t.cpp");
}

Error expect_error(const ModelWriter& w) {
  try {
    compile_graph(w);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return Error(ErrorKind::kInternal, "none");
}

/// x -> op -> y with the given quantizations (one input, one output, same shape).
ModelWriter unary(BuiltinOperator code, TensorType out_type, const Quant& qx, const Quant& qy, OptionsFn opts = {}) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {1, 2, 2, 4}, qx);
  const int y = w.add_tensor("y", out_type, {1, 2, 2, 4}, qy);
  w.add_op(code, {x}, {y}, std::move(opts));
  w.set_inputs({x});
  w.set_outputs({y});
  return w;
}

TEST(OpsBChecks, SubRatiosAreFloatDivisions) {
  // With these scales float(s2 / (2 * s1)) gives the multiplier 1618757888; the double ratio would give
  // 1618757907 (TFLite Micro's CalculateOpDataSub divides in float).
  ModelWriter w;
  const int a = w.add_tensor("a", TensorType::INT8, {1, 4}, per_tensor(0.1551171839237213f, 0));
  const int b = w.add_tensor("b", TensorType::INT8, {1, 4}, per_tensor(0.058463115245103836f, 0));
  const int y = w.add_tensor("y", TensorType::INT8, {1, 4}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::SUB, {a, b}, {y});
  w.set_inputs({a, b});
  w.set_outputs({y});
  const std::string src = model_source(w);
  EXPECT_NE(src.find("/*input2_multiplier=*/1618757888, /*input2_shift=*/-2"), std::string::npos) << src;
  EXPECT_NE(src.find("tinyaot_rt::sub_elementwise("), std::string::npos) << src;
}

TEST(OpsBChecks, MulWithConstantRowBroadcasts) {
  ModelWriter w;
  const int a = w.add_tensor("a", TensorType::INT8, {1, 3, 4}, per_tensor(0.5f, 0));
  const int c = w.add_const_i8("c", {4}, {1, 2, 3, 4}, per_tensor(0.5f, 0));
  const int y = w.add_tensor("y", TensorType::INT8, {1, 3, 4}, per_tensor(0.25f, 0));
  w.add_op(BuiltinOperator::MUL, {a, c}, {y});
  w.set_inputs({a});
  w.set_outputs({y});
  const std::string src = model_source(w);
  // 0.5 * 0.5 / 0.25 = 1: Q31 2^30 with shift 1.
  EXPECT_NE(src.find("/*output_multiplier=*/1073741824, /*output_shift=*/1"), std::string::npos) << src;
  EXPECT_NE(src.find("tinyaot_rt::mul_broadcast("), std::string::npos) << src;
}

TEST(OpsBChecks, MaximumNeedsOneQuantization) {
  ModelWriter w;
  const int a = w.add_tensor("a", TensorType::INT8, {1, 4}, per_tensor(0.5f, 0));
  const int b = w.add_tensor("b", TensorType::INT8, {1, 4}, per_tensor(0.5f, 1));
  const int y = w.add_tensor("y", TensorType::INT8, {1, 4}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::MAXIMUM, {a, b}, {y});
  w.set_inputs({a, b});
  w.set_outputs({y});
  const Error e = expect_error(w);
  EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(e.op_type(), "MAXIMUM");
  EXPECT_EQ(e.tensor_index(), b);
}

TEST(OpsBChecks, Relu6KeepsTheInputQuantization) {
  const Error e =
      expect_error(unary(BuiltinOperator::RELU6, TensorType::INT8, per_tensor(0.1f, 0), per_tensor(0.2f, 0)));
  EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(e.tensor_index(), 1);
  const std::string src =
      model_source(unary(BuiltinOperator::RELU6, TensorType::INT8, per_tensor(0.1f, -10), per_tensor(0.1f, -10)));
  // q(6) = round(6 / 0.1) - 10 = 50.
  EXPECT_NE(src.find("/*lower=*/-10, /*upper=*/50"), std::string::npos) << src;
}

TEST(OpsBChecks, LogisticAndTanhScaling) {
  // Input scale 1/16: 2^-4 * 2^27 = 2^23 -> multiplier 2^30, left shift 24, radius 15 * 2^27 / 2^24 = 120.
  const std::string src = model_source(
      unary(BuiltinOperator::LOGISTIC, TensorType::INT8, per_tensor(1.0f / 16, 3), per_tensor(1.0f / 256, -128)));
  EXPECT_NE(src.find("/*input_zero_point=*/3, /*input_range_radius=*/120, /*input_multiplier=*/1073741824, "
                     "/*input_left_shift=*/24"),
            std::string::npos)
      << src;
  const Error e = expect_error(
      unary(BuiltinOperator::TANH, TensorType::INT8, per_tensor(1.0f / 16, 0), per_tensor(1.0f / 256, -128)));
  EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(e.tensor_index(), 1);
}

TEST(OpsBChecks, HardSwishQ15Multipliers) {
  // hires scale 2^-11: output 2^-7 -> Q15 16384, exponent -6; reluish 16/3 -> Q15 21845, exponent 3.
  const std::string src = model_source(
      unary(BuiltinOperator::HARD_SWISH, TensorType::INT8, per_tensor(1.0f / 16, 0), per_tensor(1.0f / 16, 0)));
  EXPECT_NE(src.find("/*reluish_multiplier_fixedpoint_int16=*/21845, /*reluish_multiplier_exponent=*/3"),
            std::string::npos)
      << src;
  EXPECT_NE(src.find("/*output_multiplier_fixedpoint_int16=*/16384, /*output_multiplier_exponent=*/-6"),
            std::string::npos)
      << src;
  // An output scale below input / 128 would need a left shift TFLite does not do.
  EXPECT_EQ(expect_error(unary(BuiltinOperator::HARD_SWISH, TensorType::INT8, per_tensor(1.0f, 0),
                               per_tensor(1.0f / 1024, 0)))
                .kind(),
            ErrorKind::kUnsupported);
}

TEST(OpsBChecks, L2NormalizationOutputIsFixed) {
  const Error e = expect_error(
      unary(BuiltinOperator::L2_NORMALIZATION, TensorType::INT8, per_tensor(0.1f, 0), per_tensor(1.0f / 256, 0)));
  EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(e.tensor_index(), 1);
}

TEST(OpsBChecks, DequantizeWritesFloat) {
  const std::string src =
      model_source(unary(BuiltinOperator::DEQUANTIZE, TensorType::FLOAT32, per_tensor(2.0f, 5), Quant{}));
  EXPECT_NE(src.find("/*zero_point=*/5, /*scale=*/2.0f"), std::string::npos) << src;
  EXPECT_EQ(expect_error(unary(BuiltinOperator::DEQUANTIZE, TensorType::INT8, per_tensor(2.0f, 5),
                               per_tensor(2.0f, 5)))
                .kind(),
            ErrorKind::kUnsupported);
}

/// 1x3x3x2 input -> TRANSPOSE_CONV (3 output channels, 3x3 filter, stride 2, SAME) -> 1x6x6x3.
ModelWriter transpose_conv_writer(tfl::ActivationFunctionType act) {
  ModelWriter w;
  const int shape = w.add_const_i32("shape", {4}, {1, 6, 6, 3});
  const int f = w.add_const_i8("f", {3, 3, 3, 2}, test::random_i8(54, 7), test::per_channel(0.01f, 3, 0));
  const int x = w.add_tensor("x", TensorType::INT8, {1, 3, 3, 2}, per_tensor(0.1f, 4));
  const int y = w.add_tensor("y", TensorType::INT8, {1, 6, 6, 3}, per_tensor(0.2f, -3));
  w.add_op(BuiltinOperator::TRANSPOSE_CONV, {shape, f, x}, {y},
           make_options(tfl::BuiltinOptions::TransposeConvOptions, [act](auto& b) {
             return tfl::CreateTransposeConvOptions(b, tfl::Padding::SAME, 2, 2, act).Union();
           }));
  w.set_inputs({x});
  w.set_outputs({y});
  return w;
}

TEST(OpsBChecks, TransposeConvUsesAnInt32Scratch) {
  const ModelWriter w = transpose_conv_writer(tfl::ActivationFunctionType::NONE);
  const Graph g = compile_graph(w);
  EXPECT_EQ(g.ops.at(0).scratch_bytes, 6u * 6u * 3u * 4u);
  const std::string src = model_source(w);
  EXPECT_NE(src.find("tinyaot_rt::transpose_conv_s8("), std::string::npos) << src;
  EXPECT_NE(src.find("/*bias=*/static_cast<const int32_t*>(nullptr)"), std::string::npos) << src;
  // SAME, stride 2: the forward convolution 6 -> 3 needs (3 - 1) * 2 + 3 - 6 = 1 padding, 0 at the top.
  EXPECT_NE(src.find("/*pad_h=*/0, /*pad_w=*/0, /*input_offset=*/-4, /*output_zero_point=*/-3"), std::string::npos)
      << src;

  const Error e = expect_error(transpose_conv_writer(tfl::ActivationFunctionType::RELU));
  EXPECT_EQ(e.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(e.op_type(), "TRANSPOSE_CONV");
}

}  // namespace
}  // namespace tinyaot
