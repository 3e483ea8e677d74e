// tinyaot: reader tests. Every bad input gets its own message and ErrorKind; most models here have no
// operator or break before the operator lookup, so they do not depend on which ops are registered.
#include <gtest/gtest.h>

#include <cmath>
#include <unistd.h>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

#include "compiler/ops/registry.h"
#include "compiler/reader/reader.h"
#include "compiler/support/error.h"
#include "support/test_models.h"

namespace tinyaot {
namespace {

namespace fs = std::filesystem;
using tfl::TensorType;

/// Reads `bytes`, expects an Error of `kind` whose message contains `needle`, and returns it.
Error expect_error(const std::vector<uint8_t>& bytes, ErrorKind kind, const std::string& needle) {
  try {
    read_model_from_memory(bytes, "bad.tflite");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), kind) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << "missing '" << needle << "' in: " << e.what();
    EXPECT_EQ(e.file(), "bad.tflite");
    return e;
  }
  ADD_FAILURE() << "expected an error containing '" << needle << "'";
  return Error(ErrorKind::kInternal, "no error");
}

/// A code nobody will register, so "unsupported operator" tests always run.
constexpr int kLshProjection = static_cast<int>(tfl::BuiltinOperator::LSH_PROJECTION);

/// t0 (input) -> op(code) -> t1 (output), both int8[1,4] quantized.
ModelWriter one_op(int code) {
  ModelWriter w = test::passthrough_writer();
  const int out = w.add_tensor("y", TensorType::INT8, {1, 4}, test::per_tensor(0.5f, 0));
  w.add_op(code, {0}, {out});
  w.set_outputs({out});
  return w;
}

TEST(ReaderContainer, EmptyFile) { expect_error({}, ErrorKind::kInvalidModel, "the file is empty"); }

TEST(ReaderContainer, NotAFlatbuffer) {
  const std::string text = "this is a text file and certainly not a model";
  expect_error({text.begin(), text.end()}, ErrorKind::kInvalidModel, "not a TFLite model");
  expect_error({1, 2, 3}, ErrorKind::kInvalidModel, "only 3 bytes");
}

TEST(ReaderContainer, Truncated) {
  const std::vector<uint8_t> full = test::fc_model();
  for (std::size_t keep : {full.size() / 2, full.size() - 40, std::size_t{12}}) {
    SCOPED_TRACE(keep);
    expect_error({full.begin(), full.begin() + static_cast<std::ptrdiff_t>(keep)}, ErrorKind::kInvalidModel,
                 "truncated");
  }
}

TEST(ReaderContainer, WrongIdentifier) {
  std::vector<uint8_t> b = test::passthrough_model();
  b[4] = 'A', b[5] = 'B', b[6] = 'C', b[7] = 'D';
  expect_error(b, ErrorKind::kInvalidModel, "wrong file identifier 'ABCD', expected 'TFL3'");
}

TEST(ReaderContainer, MisalignedMemoryAndFiles) {
  const std::vector<uint8_t> m = test::passthrough_model();
  std::vector<uint8_t> shifted(m.size() + 1);
  std::copy(m.begin(), m.end(), shifted.begin() + 1);
  EXPECT_EQ(read_model_from_memory(std::span(shifted).subspan(1), "x").tensors.size(), 1u);

  const fs::path p = fs::temp_directory_path() / ("tinyaot_reader_test_" + std::to_string(::getpid()) + ".tflite");
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(m.data()), static_cast<std::streamsize>(m.size()));
  EXPECT_EQ(read_model(p.string()).source, p.string());
  fs::remove(p);
  for (const std::string& bad : {std::string("/nonexistent/model.tflite"), fs::temp_directory_path().string()}) {
    try {
      read_model(bad);
      ADD_FAILURE() << "expected kIo for " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kIo) << e.what();
      EXPECT_EQ(e.file(), bad);
    }
  }
}

TEST(ReaderModel, PassthroughGraph) {
  ModelWriter w = test::passthrough_writer();
  w.set_description("hello");
  const Graph g = read_model_from_memory(w.finish(), "p.tflite");
  ASSERT_EQ(g.tensors.size(), 1u);
  EXPECT_EQ(g.source, "p.tflite");
  EXPECT_EQ(g.description, "hello");
  EXPECT_EQ(g.inputs, std::vector<int>{0});
  EXPECT_EQ(g.outputs, std::vector<int>{0});
  EXPECT_EQ(g.tensors[0].name, "x");
  EXPECT_EQ(g.tensors[0].shape, (Shape{1, 4}));
  EXPECT_FLOAT_EQ(g.tensors[0].quant.s(), 0.5f);
  EXPECT_EQ(g.tensors[0].quant.zp(), -3);
  EXPECT_FALSE(g.tensors[0].is_const);
}

TEST(ReaderModel, Subgraphs) {
  ModelWriter w = test::passthrough_writer();
  w.spec().subgraphs.push_back(w.spec().subgraphs[0]);
  expect_error(w.finish(), ErrorKind::kUnsupported, "models with 2 subgraphs are not supported");
  w.spec().subgraphs.clear();
  expect_error(w.finish(), ErrorKind::kInvalidModel, "no subgraph");
  w = test::passthrough_writer();
  w.spec().version = 2;
  expect_error(w.finish(), ErrorKind::kUnsupported, "schema version 2");
}

TEST(ReaderTensors, FloatModel) {
  ModelWriter w = test::passthrough_writer();
  w.tensor(0).type = TensorType::FLOAT32;
  w.tensor(0).has_quant = false;
  const Error e = expect_error(w.finish(), ErrorKind::kUnsupported, "float models are not supported");
  EXPECT_EQ(e.tensor_index(), 0);
  EXPECT_EQ(e.tensor_name(), "x");
  w.tensor(0).type = TensorType::FLOAT16;
  expect_error(w.finish(), ErrorKind::kUnsupported, "tensor type FLOAT16 is not supported");
}

TEST(ReaderTensors, UnusedFloatTensorsAreIgnored) {
  // LSTM models carry float "intermediate" tensors that no operator reads; they must not fail the model.
  ModelWriter w = test::passthrough_writer();
  w.add_tensor("intermediate", TensorType::FLOAT32, {0});
  EXPECT_EQ(read_model_from_memory(w.finish(), "m").tensors[1].type, DType::kFloat32);
}

TEST(ReaderTensors, DynamicShapes) {
  ModelWriter w = test::passthrough_writer();
  w.tensor(0).shape_signature = {-1, 4};  // an open batch fixed to 1 by the shape: accepted, like TFLM
  EXPECT_EQ(read_model_from_memory(w.finish(), "m").tensors[0].shape, (Shape{1, 4}));
  w.tensor(0).shape_signature = {1, -1};
  const Error e = expect_error(w.finish(), ErrorKind::kUnsupported, "dynamic shape [1,-1] is not supported");
  EXPECT_EQ(e.tensor_name(), "x");
  w.tensor(0).shape_signature = {};
  w.tensor(0).shape = {-1, 4};
  expect_error(w.finish(), ErrorKind::kUnsupported, "dynamic shape [-1,4]");
  w.tensor(0).shape = {1, -7};
  expect_error(w.finish(), ErrorKind::kInvalidModel, "negative dimension");
}

TEST(ReaderTensors, SizeLimits) {
  ModelWriter w = test::passthrough_writer();
  w.tensor(0).shape = {65536, 65536};
  expect_error(w.finish(), ErrorKind::kDoesNotFit, "too large");
  const int32_t big = std::numeric_limits<int32_t>::max();
  w.tensor(0).shape = {big, big, big, big};  // the product would overflow int64
  expect_error(w.finish(), ErrorKind::kDoesNotFit, "too large");
  w.tensor(0).shape = {1, 1, 1, 1, 1, 1, 1, 1, 4};
  expect_error(w.finish(), ErrorKind::kUnsupported, "rank 9");
}

TEST(ReaderTensors, MissingActivationQuantization) {
  ModelWriter w = test::passthrough_writer();
  w.tensor(0).has_quant = false;
  expect_error(w.finish(), ErrorKind::kInvalidModel, "int8 activation has no quantization parameters");
}

TEST(ReaderTensors, BadQuantization) {
  struct Case {
    std::vector<float> scale;
    std::vector<int64_t> zp;
    int axis;
    const char* needle;
  };
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  const Case cases[] = {
      {{0.0f}, {0}, 0, "scale is 0; scales must be positive and finite"},
      {{-0.5f}, {0}, 0, "scale is -0.5"},
      {{nan}, {0}, 0, "scale is nan"},
      {{inf}, {0}, 0, "scale is inf"},
      {{0.1f, 0.2f}, {0}, 0, "2 scales but 1 zero points"},
      {{0.1f}, {200}, 0, "zero point 200 is outside the int8 range"},
      {{0.1f, 0.2f, 0.3f}, {}, 0, "per-channel quantization has 3 scales but dimension 0 of shape [8,16] has size 8"},
      {{0.1f, 0.2f, 0.3f}, {}, 5, "per-channel quantization dimension 5 is outside the shape [8,16]"},
      {{0.1f, 0.2f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f}, {}, 0, "scale[1] is -1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.needle);
    ModelWriter w = test::fc_writer();
    auto& t = w.tensor(1);  // the weights, int8[8,16]
    t.scale = c.scale;
    t.zero_point = c.zp;
    t.quantized_dimension = c.axis;
    if (std::string(c.needle).find("scale[1]") != std::string::npos) t.scale[1] = -1.0f;
    const Error e = expect_error(w.finish(), ErrorKind::kInvalidModel, c.needle);
    EXPECT_EQ(e.tensor_index(), 1);
    EXPECT_EQ(e.tensor_name(), "fc/weights");
  }
}

TEST(ReaderBuffers, SizeMismatchAndIndex) {
  ModelWriter w = test::fc_writer();
  w.spec().buffers[w.tensor(1).buffer].data.resize(10);
  const Error e = expect_error(w.finish(), ErrorKind::kInvalidModel, "constant data has 10 bytes, but int8[8,16] needs 128");
  EXPECT_EQ(e.tensor_index(), 1);
  w = test::fc_writer();
  w.tensor(2).buffer = 99;
  expect_error(w.finish(), ErrorKind::kInvalidModel, "buffer index 99 is out of range");
  w = test::passthrough_writer();
  w.tensor(0).is_variable = true;
  w.tensor(0).buffer = static_cast<uint32_t>(w.add_buffer({1, 2, 3, 4}));
  expect_error(w.finish(), ErrorKind::kUnsupported, "variable tensors with initial data");
}

TEST(ReaderBuffers, ExternalData) {
  ModelWriter w = test::passthrough_writer();
  const std::vector<int8_t> values = test::random_i8(48, 9);
  const int c = w.add_const_i8("c", {4, 12}, values, test::per_tensor(0.1f, 0));
  w.spec().buffers[w.tensor(c).buffer].external = true;
  const Graph g = read_model_from_memory(w.finish(), "ext");
  ASSERT_TRUE(g.tensors[1].is_const);
  ASSERT_EQ(g.tensors[1].data.size(), 48u);
  EXPECT_EQ(std::memcmp(g.tensors[1].data.data(), values.data(), 48), 0);

  auto& b = w.spec().buffers[w.tensor(c).buffer];
  b.external = false;
  b.data.clear();
  b.offset = uint64_t{1} << 40, b.size = 48;
  expect_error(w.finish(), ErrorKind::kInvalidModel, "lies outside the");
  b.offset = 1;
  expect_error(w.finish(), ErrorKind::kInvalidModel, "at invalid offset 1");
}

TEST(ReaderStructure, IndicesOutOfRange) {
  ModelWriter w = test::fc_writer();
  w.op(0).inputs = {0, 1, 99};
  Error e = expect_error(w.finish(), ErrorKind::kInvalidModel, "input 2 refers to tensor 99, out of range");
  EXPECT_EQ(e.op_index(), 0);
  EXPECT_EQ(e.op_type(), "FULLY_CONNECTED");
  w.op(0).inputs = {0, 1, -2};
  expect_error(w.finish(), ErrorKind::kInvalidModel, "refers to tensor -2");
  w = test::fc_writer();
  w.op(0).outputs = {-1};
  expect_error(w.finish(), ErrorKind::kInvalidModel, "output 0 refers to tensor -1");
  w = test::fc_writer();
  w.set_outputs({7});
  expect_error(w.finish(), ErrorKind::kInvalidModel, "graph output refers to tensor 7");
  w = test::fc_writer();
  w.op(0).opcode_index = 5;
  e = expect_error(w.finish(), ErrorKind::kInvalidModel, "operator code index 5 is out of range");
  EXPECT_EQ(e.op_index(), 0);
}

TEST(ReaderStructure, ExecutionOrder) {
  // t0 -> op1 -> t1 -> op0 -> t2, stored as op0 first.
  ModelWriter w = test::passthrough_writer();
  const int t1 = w.add_tensor("t1", TensorType::INT8, {1, 4}, test::per_tensor(0.5f, 0));
  const int t2 = w.add_tensor("t2", TensorType::INT8, {1, 4}, test::per_tensor(0.5f, 0));
  w.add_op(kLshProjection, {t1}, {t2});
  w.add_op(kLshProjection, {0}, {t1});
  w.set_outputs({t2});
  Error e = expect_error(w.finish(), ErrorKind::kInvalidModel, "reads tensor 1 before op 1 writes it");
  EXPECT_EQ(e.op_index(), 0);
  w.op(1).inputs = {t2};  // now a cycle
  expect_error(w.finish(), ErrorKind::kInvalidModel, "form a cycle");
  w.op(1).outputs = {t2};
  expect_error(w.finish(), ErrorKind::kInvalidModel, "also writes");
  w = one_op(kLshProjection);
  w.op(0).inputs = {w.add_tensor("orphan", TensorType::INT8, {1, 4}, test::per_tensor(0.5f, 0))};
  expect_error(w.finish(), ErrorKind::kInvalidModel, "neither a constant, a graph input nor written");
}

TEST(ReaderOps, UnsupportedOperator) {
  for (int code : {kLshProjection, static_cast<int>(tfl::BuiltinOperator::STABLEHLO_ADD), 250}) {
    SCOPED_TRACE(code);
    if (find_op(code)) GTEST_SKIP() << builtin_name(code) << " is registered";
    const std::string name = builtin_name(code);
    const Error e = expect_error(one_op(code).finish(), ErrorKind::kUnsupported,
                                 "operator " + name + " (builtin code " + std::to_string(code) + ") is not supported");
    EXPECT_EQ(e.op_index(), 0);
    EXPECT_EQ(e.op_type(), name);
  }
  EXPECT_STREQ(builtin_name(44), "UNIDIRECTIONAL_SEQUENCE_LSTM");
  EXPECT_STREQ(builtin_name(250), "UNKNOWN");
  EXPECT_STREQ(builtin_name(-1), "UNKNOWN");
}

TEST(ReaderOps, CustomOperator) {
  ModelWriter w = test::passthrough_writer();
  const int out = w.add_tensor("y", TensorType::INT8, {1, 4}, test::per_tensor(0.5f, 0));
  w.add_custom_op("ethos-u", {0}, {out}, {1, 4, 1});
  w.set_outputs({out});
  const Error e = expect_error(w.finish(), ErrorKind::kUnsupported, "custom operator 'ethos-u' is not supported");
  EXPECT_EQ(e.op_index(), 0);
}

TEST(ReaderOps, ReadsRegisteredOps) {
  if (!find_op(static_cast<int>(tfl::BuiltinOperator::FULLY_CONNECTED))) GTEST_SKIP() << "FULLY_CONNECTED not registered";
  const Graph g = read_model_from_memory(test::fc_model(), "fc");
  ASSERT_EQ(g.ops.size(), 1u);
  EXPECT_EQ(g.ops[0].type(), "FULLY_CONNECTED");
  EXPECT_EQ(g.ops[0].inputs, (std::vector<int>{0, 1, 2}));
  EXPECT_NO_THROW(verify(g, "read"));
}

}  // namespace
}  // namespace tinyaot
