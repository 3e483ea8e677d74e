// tinyaot malformed corpus: models beyond tinyaot's size limits (compiler/reader/reader.h, and the arena
// limit in compiler/driver/pipeline.h). Each must be refused quickly with "does not fit" (exit 5) and a
// message naming the limit, not run out of memory or time. The big ones are written directly with the
// flatbuffers builder: tables with no fields are the cheapest way to reach a million of them.
#include "compiler/driver/pipeline.h"
#include "compiler/reader/reader.h"
#include "malformed/malformed_cases.h"
#include "support/test_models.h"

namespace tinyaot::malformed {

namespace {

/// A one-subgraph model (version 3) with `n` empty tensor tables and nothing else.
std::vector<uint8_t> many_empty_tensors(int n) {
  flatbuffers::FlatBufferBuilder b(static_cast<std::size_t>(n) * 12 + 1024);
  std::vector<flatbuffers::Offset<tfl::Tensor>> tensors;
  tensors.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    tfl::TensorBuilder t(b);
    tensors.push_back(t.Finish());
  }
  const auto sg = tfl::CreateSubGraph(b, b.CreateVector(tensors));
  std::vector<flatbuffers::Offset<tfl::Buffer>> buffers = {tfl::CreateBuffer(b)};
  const auto model = tfl::CreateModel(b, 3, 0, b.CreateVector(&sg, 1), 0, b.CreateVector(buffers));
  tfl::FinishModelBuffer(b, model);
  return {b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()};
}

/// int8[1,8] through a chain of `n` RELU operators.
std::vector<uint8_t> relu_chain(int n) {
  ModelWriter w;
  const Quant q = test::per_tensor(0.1f, -3);
  int prev = w.add_tensor("in", tfl::TensorType::INT8, {1, 8}, q);
  w.set_inputs({prev});
  for (int i = 0; i < n; ++i) {
    const int next = w.add_tensor("t" + std::to_string(i), tfl::TensorType::INT8, {1, 8}, q);
    w.add_op(tfl::BuiltinOperator::RELU, {prev}, {next});
    prev = next;
  }
  w.set_outputs({prev});
  return w.finish();
}

/// `n` int8 inputs of kMaxTensorBytes each, summed by a chain of ADDs: every input is live from the
/// start, so the arena needs (n + 1) GiB although each tensor is within the reader's limit.
std::vector<uint8_t> huge_live_inputs(int n) {
  ModelWriter w;
  const Quant q = test::per_tensor(0.1f, 0);
  const Shape shape = {1, static_cast<int32_t>(kMaxTensorBytes)};
  std::vector<int32_t> in;
  for (int i = 0; i < n; ++i) in.push_back(w.add_tensor("in" + std::to_string(i), tfl::TensorType::INT8, shape, q));
  w.set_inputs(in);
  int prev = in[0];
  for (int i = 1; i < n; ++i) {
    const int sum = w.add_tensor("sum" + std::to_string(i), tfl::TensorType::INT8, shape, q);
    w.add_op(tfl::BuiltinOperator::ADD, {prev, in[static_cast<std::size_t>(i)]}, {sum});
    prev = sum;
  }
  w.set_outputs({prev});
  return w.finish();
}

}  // namespace

std::vector<Case> limit_cases() {
  return {
      {"too_many_operators", [] { return relu_chain(kMaxOps + 1); }, 5,
       "operators; tinyaot compiles at most " + std::to_string(kMaxOps)},
      {"too_many_tensors", [] { return many_empty_tensors(kMaxTensors + 1); }, 5,
       "tensors; tinyaot compiles at most " + std::to_string(kMaxTensors)},
      {"too_many_flatbuffer_tables", [] { return many_empty_tensors(kMaxTables + 1); }, 5,
       "more than " + std::to_string(kMaxTables) + " flatbuffer tables"},
      {"tensor_over_max_bytes", [] {
         ModelWriter w = test::fc_writer();
         w.tensor(3).shape = {1, static_cast<int32_t>(kMaxTensorBytes / 2), 4};
         return w.finish();
       }, 5, "too large"},
      // Each tensor fits, the plan does not: the emitted code could not address it on a 32-bit target.
      {"arena_over_max_bytes", [] { return huge_live_inputs(3); }, 5,
       "more than tinyaot's limit of " + std::to_string(kMaxArenaBytes) + " bytes"},
  };
}

/// Exposed for the limits test: a valid RELU chain of `n` operators.
std::vector<uint8_t> relu_chain_model(int n) { return relu_chain(n); }

}  // namespace tinyaot::malformed
