// tinyaot: compile-side tests of the data-movement and reduction ops: small models built with the
// ModelWriter go through the real pipeline; geometry that must be constant, TFLite Micro's quantization
// restrictions and inconsistent shapes fail with the right error kind and location, and the emitted
// parameters of the strided-slice expansion (ellipsis, new axis, shrink) are the hand-computed ones.
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

OptionsFn slice_options(int begin_mask, int end_mask, int ellipsis, int new_axis, int shrink) {
  return make_options(tfl::BuiltinOptions::StridedSliceOptions, [=](flatbuffers::FlatBufferBuilder& b) {
    return tfl::CreateStridedSliceOptions(b, begin_mask, end_mask, ellipsis, new_axis, shrink).Union();
  });
}

OptionsFn concat_options(int axis) {
  return make_options(tfl::BuiltinOptions::ConcatenationOptions, [=](flatbuffers::FlatBufferBuilder& b) {
    return tfl::CreateConcatenationOptions(b, axis).Union();
  });
}

TEST(DataMovementOps, StridedSliceEllipsisExpandsToLeadingDimensions) {
  // x[..., 1:3] on [2, 3, 4] -> [2, 3, 2]: the two outer dimensions merge into 6 rows of stride 4.
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {2, 3, 4}, per_tensor(0.5f, 0));
  const int b = w.add_const_i32("b", {2}, {0, 1});
  const int e = w.add_const_i32("e", {2}, {0, 3});
  const int s = w.add_const_i32("s", {2}, {1, 1});
  const int y = w.add_tensor("y", TensorType::INT8, {2, 3, 2}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::STRIDED_SLICE, {x, b, e, s}, {y}, slice_options(0, 0, 1, 0, 0));
  w.set_inputs({x});
  w.set_outputs({y});
  const std::string src = model_source(w);
  EXPECT_NE(src.find("/*offset=*/1, /*dims=*/{1, 1, 1, 1, 6, 2}, /*strides=*/{0, 0, 0, 0, 4, 1}"),
            std::string::npos)
      << src;
}

TEST(DataMovementOps, StridedSliceNewAxisAndShrink) {
  // x[:, newaxis, 1] on [2, 3] -> [2, 1]: elements 1 and 4.
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {2, 3}, per_tensor(0.5f, 0));
  const int b = w.add_const_i32("b", {3}, {0, 0, 1});
  const int e = w.add_const_i32("e", {3}, {0, 0, 2});
  const int s = w.add_const_i32("s", {3}, {1, 1, 1});
  const int y = w.add_tensor("y", TensorType::INT8, {2, 1}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::STRIDED_SLICE, {x, b, e, s}, {y}, slice_options(1, 1, 0, 2, 4));
  w.set_inputs({x});
  w.set_outputs({y});
  const std::string src = model_source(w);
  EXPECT_NE(src.find("/*offset=*/1, /*dims=*/{1, 1, 1, 1, 1, 2}, /*strides=*/{0, 0, 0, 0, 0, 3}"),
            std::string::npos)
      << src;
}

TEST(DataMovementOps, StridedSliceGeometryMustBeConstant) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {4}, per_tensor(0.5f, 0));
  const int b = w.add_tensor("b", TensorType::INT32, {1});
  const int e = w.add_const_i32("e", {1}, {2});
  const int s = w.add_const_i32("s", {1}, {1});
  const int y = w.add_tensor("y", TensorType::INT8, {2}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::STRIDED_SLICE, {x, b, e, s}, {y}, slice_options(0, 0, 0, 0, 0));
  w.set_inputs({x, b});
  w.set_outputs({y});
  const Error err = expect_error(w);
  EXPECT_EQ(err.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(err.tensor_index(), b);
}

TEST(DataMovementOps, ConcatenationNeedsTheOutputQuantizationForInt8) {
  ModelWriter w;
  const int a = w.add_tensor("a", TensorType::INT8, {1, 2}, per_tensor(0.5f, 0));
  const int b = w.add_tensor("b", TensorType::INT8, {1, 3}, per_tensor(0.25f, 0));
  const int y = w.add_tensor("y", TensorType::INT8, {1, 5}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::CONCATENATION, {a, b}, {y}, concat_options(-1));
  w.set_inputs({a, b});
  w.set_outputs({y});
  const Error err = expect_error(w);
  EXPECT_EQ(err.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(err.op_type(), "CONCATENATION");
  EXPECT_EQ(err.tensor_index(), b);
}

TEST(DataMovementOps, ConcatenationEmitsOneRowCopyPerInput) {
  ModelWriter w;
  const int a = w.add_tensor("a", TensorType::INT16, {2, 2}, per_tensor(0.5f, 0));
  const int b = w.add_tensor("b", TensorType::INT16, {2, 1}, per_tensor(0.25f, 0));
  const int y = w.add_tensor("y", TensorType::INT16, {2, 3}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::CONCATENATION, {a, b}, {y}, concat_options(1));
  w.set_inputs({a, b});
  w.set_outputs({y});
  const std::string src = model_source(w);
  // int16 rows: 4 and 2 bytes, output pitch 6 bytes.
  EXPECT_NE(src.find("{/*rows=*/2, /*row_bytes=*/4, /*src_offset=*/0, /*src_pitch=*/4, /*dst_offset=*/0, "
                     "/*dst_pitch=*/6}"),
            std::string::npos)
      << src;
  EXPECT_NE(src.find("{/*rows=*/2, /*row_bytes=*/2, /*src_offset=*/0, /*src_pitch=*/2, /*dst_offset=*/4, "
                     "/*dst_pitch=*/6}"),
            std::string::npos)
      << src;
}

TEST(DataMovementOps, SqueezeIsAViewAndChecksUnitDimensions) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {1, 4, 1}, per_tensor(0.5f, 0));
  const int y = w.add_tensor("y", TensorType::INT8, {4}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::SQUEEZE, {x}, {y});
  w.set_inputs({x});
  w.set_outputs({y});
  const std::string src = model_source(w);
  EXPECT_NE(src.find("(a view: no code)"), std::string::npos) << src;

  ModelWriter v;
  const int a = v.add_tensor("a", TensorType::INT8, {2, 4}, per_tensor(0.5f, 0));
  const int c = v.add_tensor("c", TensorType::INT8, {4}, per_tensor(0.5f, 0));
  v.add_op(BuiltinOperator::SQUEEZE, {a}, {c}, make_options(tfl::BuiltinOptions::SqueezeOptions, [](auto& fb) {
             return tfl::CreateSqueezeOptions(fb, fb.CreateVector(std::vector<int32_t>{0})).Union();
           }));
  v.set_inputs({a});
  v.set_outputs({c});
  EXPECT_EQ(expect_error(v).kind(), ErrorKind::kInvalidModel);
}

TEST(DataMovementOps, GatherWithComputedIndicesCanFailTheInvoke) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {5, 2}, per_tensor(0.5f, 0));
  const int i = w.add_tensor("i", TensorType::INT32, {3});
  const int y = w.add_tensor("y", TensorType::INT8, {3, 2}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::GATHER, {x, i}, {y});
  w.set_inputs({x, i});
  w.set_outputs({y});
  const std::string src = model_source(w);
  EXPECT_NE(src.find("if (!tinyaot_rt::gather(op0_params"), std::string::npos) << src;
  EXPECT_NE(src.find("return 1;"), std::string::npos) << src;

  ModelWriter v;  // constant index out of range
  const int a = v.add_tensor("a", TensorType::INT8, {5, 2}, per_tensor(0.5f, 0));
  const int k = v.add_const_i32("k", {1}, {5});
  const int c = v.add_tensor("c", TensorType::INT8, {1, 2}, per_tensor(0.5f, 0));
  v.add_op(BuiltinOperator::GATHER, {a, k}, {c});
  v.set_inputs({a});
  v.set_outputs({c});
  const Error err = expect_error(v);
  EXPECT_EQ(err.kind(), ErrorKind::kInvalidModel);
  EXPECT_EQ(err.tensor_index(), k);
}

TEST(DataMovementOps, ReduceMaxDoesNotRequantize) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {1, 4, 2}, per_tensor(0.5f, 0));
  const int axes = w.add_const_i32("axes", {1}, {1});
  const int y = w.add_tensor("y", TensorType::INT8, {1, 2}, per_tensor(0.5f, 1));
  w.add_op(BuiltinOperator::REDUCE_MAX, {x, axes}, {y});
  w.set_inputs({x});
  w.set_outputs({y});
  const Error err = expect_error(w);
  EXPECT_EQ(err.kind(), ErrorKind::kUnsupported);
  EXPECT_EQ(err.tensor_index(), y);
}

TEST(DataMovementOps, SplitVResolvesMinusOne) {
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {2, 5}, per_tensor(0.5f, 0));
  const int sizes = w.add_const_i32("sizes", {2}, {-1, 2});
  const int axis = w.add_const_i32("axis", {}, {1});
  const int y0 = w.add_tensor("y0", TensorType::INT8, {2, 3}, per_tensor(0.5f, 0));
  const int y1 = w.add_tensor("y1", TensorType::INT8, {2, 2}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::SPLIT_V, {x, sizes, axis}, {y0, y1});
  w.set_inputs({x});
  w.set_outputs({y0, y1});
  const std::string src = model_source(w);
  EXPECT_NE(src.find("{/*rows=*/2, /*row_bytes=*/2, /*src_offset=*/3, /*src_pitch=*/5, /*dst_offset=*/0, "
                     "/*dst_pitch=*/2}"),
            std::string::npos)
      << src;
}

TEST(DataMovementOps, SliceResolvesMinusOneSize) {
  // [3, 4], begin {1, 1}, size {2, -1} -> [2, 3] from element 5 with row stride 4.
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {3, 4}, per_tensor(0.5f, 0));
  const int b = w.add_const_i32("b", {2}, {1, 1});
  const int n = w.add_const_i32("n", {2}, {2, -1});
  const int y = w.add_tensor("y", TensorType::INT8, {2, 3}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::SLICE, {x, b, n}, {y});
  w.set_inputs({x});
  w.set_outputs({y});
  const std::string src = model_source(w);
  EXPECT_NE(src.find("/*offset=*/5, /*dims=*/{1, 1, 1, 1, 2, 3}, /*strides=*/{0, 0, 0, 0, 4, 1}"),
            std::string::npos)
      << src;
}

TEST(DataMovementOps, StridedSliceOffsetAndReversedMaskedRange) {
  // offset: end is relative to begin, [1, 1 + 3) step 2 -> elements 1, 3.
  ModelWriter w;
  const int x = w.add_tensor("x", TensorType::INT8, {6}, per_tensor(0.5f, 0));
  const int b = w.add_const_i32("b", {1}, {1});
  const int e = w.add_const_i32("e", {1}, {3});
  const int s = w.add_const_i32("s", {1}, {2});
  const int y = w.add_tensor("y", TensorType::INT8, {2}, per_tensor(0.5f, 0));
  w.add_op(BuiltinOperator::STRIDED_SLICE, {x, b, e, s}, {y},
           make_options(tfl::BuiltinOptions::StridedSliceOptions, [](flatbuffers::FlatBufferBuilder& fb) {
             return tfl::CreateStridedSliceOptions(fb, 0, 0, 0, 0, 0, /*offset=*/true).Union();
           }));
  w.set_inputs({x});
  w.set_outputs({y});
  std::string src = model_source(w);
  EXPECT_NE(src.find("/*offset=*/1, /*dims=*/{1, 1, 1, 1, 1, 2}, /*strides=*/{0, 0, 0, 0, 0, 2}"),
            std::string::npos)
      << src;

  // x[::-2] on [5] with both masks: elements 4, 2, 0.
  ModelWriter v;
  const int a = v.add_tensor("a", TensorType::INT16, {5}, per_tensor(0.5f, 0));
  const int vb = v.add_const_i32("b", {1}, {0});
  const int ve = v.add_const_i32("e", {1}, {0});
  const int vs = v.add_const_i32("s", {1}, {-2});
  const int c = v.add_tensor("c", TensorType::INT16, {3}, per_tensor(0.5f, 0));
  v.add_op(BuiltinOperator::STRIDED_SLICE, {a, vb, ve, vs}, {c}, slice_options(1, 1, 0, 0, 0));
  v.set_inputs({a});
  v.set_outputs({c});
  src = model_source(v);
  EXPECT_NE(src.find("/*offset=*/4, /*dims=*/{1, 1, 1, 1, 1, 3}, /*strides=*/{0, 0, 0, 0, 0, -2}"),
            std::string::npos)
      << src;
  EXPECT_NE(src.find("tinyaot_rt::strided_copy<int16_t>"), std::string::npos) << src;
}

}  // namespace
}  // namespace tinyaot
