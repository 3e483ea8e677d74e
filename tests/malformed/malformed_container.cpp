// tinyaot malformed corpus: broken containers (bytes that are not a usable flatbuffer) and broken graph
// structure (dimensions, buffers, indices, execution order).
#include <cstring>
#include <stdexcept>

#include "malformed/malformed_cases.h"
#include "support/test_models.h"

namespace tinyaot::malformed {

using test::fc_model;
using test::fc_writer;
using test::per_tensor;
using tfl::TensorType;

std::size_t find_unique(const std::vector<uint8_t>& bytes, const std::vector<uint8_t>& pattern) {
  std::size_t found = bytes.size(), count = 0;
  for (std::size_t i = 0; i + pattern.size() <= bytes.size(); ++i)
    if (std::memcmp(bytes.data() + i, pattern.data(), pattern.size()) == 0) found = i, ++count;
  if (count != 1) throw std::runtime_error("find_unique: pattern found " + std::to_string(count) + " times");
  return found;
}

void put_u32(std::vector<uint8_t>& bytes, std::size_t offset, uint32_t value) {
  for (int k = 0; k < 4; ++k) bytes.at(offset + static_cast<std::size_t>(k)) = static_cast<uint8_t>(value >> (8 * k));
}

namespace {

/// fc_model() with the length prefix of a vector or string replaced: the one whose contents start with
/// `contents` (the FC weights are 128 distinct pseudo-random bytes; names are unique strings).
std::vector<uint8_t> fc_with_length(const std::vector<uint8_t>& contents, uint32_t length) {
  std::vector<uint8_t> m = fc_model();
  put_u32(m, find_unique(m, contents) - 4, length);
  return m;
}

std::vector<uint8_t> fc_weight_bytes() {
  const std::vector<int8_t> w = test::random_i8(16, 7);  // the first 16 weights of fc_writer()
  return {w.begin(), w.end()};
}

std::vector<uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

/// fc_writer() with `edit` applied, finished.
Case fc_case(std::string name, std::function<void(ModelWriter&)> edit, int code, std::string needle) {
  return {std::move(name),
          [edit] {
            ModelWriter w = fc_writer();
            edit(w);
            return w.finish();
          },
          code, std::move(needle)};
}

}  // namespace

std::vector<Case> container_cases() {
  std::vector<Case> v = {
      {"empty_file", [] { return std::vector<uint8_t>(); }, 3, "the file is empty"},
      {"five_bytes", [] { return std::vector<uint8_t>{'T', 'F', 'L', '3', 0}; }, 3, "too short"},
      {"random_bytes", [] {
         const std::vector<int8_t> r = test::random_i8(1024, 99, -128, 127);
         return std::vector<uint8_t>(r.begin(), r.end());
       }, 3, "not a TFLite model"},
      {"text_file", [] { return bytes_of("this is a text file, not a model\n"); }, 3, "not a TFLite model"},
      {"wrong_identifier", [] {
         std::vector<uint8_t> m = fc_model();
         std::memcpy(m.data() + 4, "ABCD", 4);
         return m;
       }, 3, "identifier"},
      {"root_offset_past_end", [] {
         std::vector<uint8_t> m = fc_model();
         put_u32(m, 0, static_cast<uint32_t>(m.size() + 64));
         return m;
       }, 3, "past the end"},
      {"root_offset_misaligned", [] {
         std::vector<uint8_t> m = fc_model();
         put_u32(m, 0, 9);
         return m;
       }, 3, "corrupt"},
      {"vtable_offset_past_end", [] {
         std::vector<uint8_t> m = fc_model();
         put_u32(m, m[0] | (m[1] << 8), 0x7ffffff0u);  // the root table's (signed) offset to its vtable
         return m;
       }, 3, "corrupt"},
      {"vector_past_end", [] { return fc_with_length(fc_weight_bytes(), 0x7ffffff0u); }, 3, "corrupt"},
      {"vector_length_wraps", [] { return fc_with_length(fc_weight_bytes(), 0xffffffffu); }, 3, "corrupt"},
      {"vector_one_too_long", [] { return fc_with_length(fc_weight_bytes(), 129); }, 3, "constant data has 129 bytes"},
      {"string_past_end", [] { return fc_with_length(bytes_of("fc/weights"), 0x10000000u); }, 3, "corrupt"},
      fc_case("external_data_outside_file", [](ModelWriter& w) {
         w.spec().buffers.push_back({{}, false, uint64_t{1} << 40, 128});
         w.tensor(1).buffer = static_cast<uint32_t>(w.spec().buffers.size() - 1);
       }, 3, "lies outside"),
      fc_case("external_data_offset_overflows", [](ModelWriter& w) {
         w.spec().buffers.push_back({{}, false, ~uint64_t{0} - 7, 128});
         w.tensor(1).buffer = static_cast<uint32_t>(w.spec().buffers.size() - 1);
       }, 3, "lies outside"),
      fc_case("external_data_placeholder_offset", [](ModelWriter& w) {
         w.spec().buffers.push_back({{}, false, 1, 128});
         w.tensor(1).buffer = static_cast<uint32_t>(w.spec().buffers.size() - 1);
       }, 3, "invalid offset"),
      fc_case("buffer_index_out_of_range", [](ModelWriter& w) { w.tensor(1).buffer = 99; }, 3,
              "buffer index 99 is out of range"),
      fc_case("schema_version_2", [](ModelWriter& w) { w.spec().version = 2; }, 4, "schema version 2"),
      fc_case("no_subgraph", [](ModelWriter& w) { w.spec().subgraphs.clear(); }, 3, "no subgraph"),
      fc_case("two_subgraphs", [](ModelWriter& w) { w.spec().subgraphs.push_back(w.spec().subgraphs[0]); }, 4,
              "2 subgraphs"),
  };
  // Cut off anywhere: the verifier must refuse every prefix (flatbuffers are built back to front, so the
  // end holds the first-written data, the start the root).
  for (int percent : {10, 25, 50, 75, 90, 99})
    v.push_back({"truncated_to_" + std::to_string(percent) + "_percent", [percent] {
                   std::vector<uint8_t> m = fc_model();
                   m.resize(m.size() * static_cast<std::size_t>(percent) / 100);
                   return m;
                 }, 3, "truncated"});
  return v;
}

std::vector<Case> structure_cases() {
  return {
      fc_case("negative_dimension", [](ModelWriter& w) { w.tensor(3).shape = {1, -8}; }, 3, "negative dimension"),
      fc_case("dynamic_dimension", [](ModelWriter& w) { w.tensor(0).shape = {-1, 16}; }, 4, "dynamic shape"),
      fc_case("huge_dimensions", [](ModelWriter& w) { w.tensor(3).shape = {2147483647, 2147483647}; }, 5,
              "too large"),
      fc_case("dimension_product_overflows_64_bits", [](ModelWriter& w) {
         w.tensor(3).shape = std::vector<int32_t>(8, 65536);  // 2^128 elements
       }, 5, "too large"),
      fc_case("zero_dimension_beside_huge_ones", [](ModelWriter& w) {
         w.tensor(3).shape = {0, 2147483647, 2147483647, 2147483647};
       }, 5, "too large"),
      fc_case("rank_9", [](ModelWriter& w) { w.tensor(3).shape = std::vector<int32_t>(9, 1); }, 4, "rank 9"),
      fc_case("constant_shape_size_mismatch", [](ModelWriter& w) { w.tensor(1).shape = {8, 17}; }, 3,
              "constant data has 128 bytes"),
      fc_case("constant_data_short", [](ModelWriter& w) { w.spec().buffers[w.tensor(1).buffer].data.resize(100); }, 3,
              "constant data has 100 bytes"),
      fc_case("op_input_out_of_range", [](ModelWriter& w) { w.op(0).inputs[0] = 57; }, 3,
              "refers to tensor 57, out of range"),
      fc_case("op_input_negative", [](ModelWriter& w) { w.op(0).inputs[1] = -7; }, 3, "refers to tensor -7, out of range"),
      fc_case("op_output_out_of_range", [](ModelWriter& w) { w.op(0).outputs = {1000}; }, 3,
              "refers to tensor 1000, out of range"),
      fc_case("graph_input_out_of_range", [](ModelWriter& w) { w.set_inputs({-3}); }, 3, "graph input refers to tensor -3"),
      fc_case("graph_output_out_of_range", [](ModelWriter& w) { w.set_outputs({4}); }, 3,
              "graph output refers to tensor 4"),
      fc_case("opcode_index_out_of_range", [](ModelWriter& w) { w.op(0).opcode_index = 9; }, 3,
              "operator code index 9 is out of range"),
      fc_case("cycle", [](ModelWriter& w) {
         const Quant q = per_tensor(0.1f, 3);
         const int a = w.add_tensor("a", TensorType::INT8, {1, 8}, q), b = w.add_tensor("b", TensorType::INT8, {1, 8}, q);
         w.add_op(tfl::BuiltinOperator::RELU, {b}, {a});
         w.add_op(tfl::BuiltinOperator::RELU, {a}, {b});
         w.set_outputs({3, b});
       }, 3, "form a cycle"),
      fc_case("reads_unwritten_tensor", [](ModelWriter& w) {
         const int a = w.add_tensor("a", TensorType::INT8, {1, 8}, per_tensor(0.1f, 3));
         w.op(0).inputs[0] = a;
       }, 3, "neither a constant, a graph input nor written"),
      fc_case("two_writers", [](ModelWriter& w) { w.add_op(tfl::BuiltinOperator::RELU, {3}, {3}); }, 3, "also writes"),
      fc_case("writes_constant", [](ModelWriter& w) { w.add_op(tfl::BuiltinOperator::RELU, {3}, {2}); }, 3,
              "writes to constant tensor 2"),
      fc_case("output_never_written", [](ModelWriter& w) {
         w.set_outputs({w.add_tensor("orphan", TensorType::INT8, {1, 8}, per_tensor(0.1f, 3))});
       }, 3, "never written"),
  };
}

std::vector<Case> all_cases() {
  std::vector<Case> all;
  for (auto part : {container_cases, structure_cases, quant_and_type_cases, limit_cases})
    for (Case& c : part()) all.push_back(std::move(c));
  return all;
}

}  // namespace tinyaot::malformed
