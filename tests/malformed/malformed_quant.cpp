// tinyaot malformed corpus: quantization that is missing, impossible or of the wrong length, and operators
// wired with the wrong element types, counts or options.
#include <cmath>
#include <limits>

#include "malformed/malformed_cases.h"
#include "support/test_models.h"

namespace tinyaot::malformed {

namespace {

using tfl::TensorType;

Case edit_case(std::string name, ModelWriter (*base)(), std::function<void(ModelWriter&)> edit, int code,
               std::string needle) {
  return {std::move(name),
          [base, edit] {
            ModelWriter w = base();
            edit(w);
            return w.finish();
          },
          code, std::move(needle)};
}

Case fc(std::string name, std::function<void(ModelWriter&)> edit, int code, std::string needle) {
  return edit_case(std::move(name), test::fc_writer, std::move(edit), code, std::move(needle));
}

Case conv(std::string name, std::function<void(ModelWriter&)> edit, int code, std::string needle) {
  return edit_case(std::move(name), test::conv_writer, std::move(edit), code, std::move(needle));
}

/// Sets one per-tensor scale of the FC output.
std::function<void(ModelWriter&)> output_scale(float s) {
  return [s](ModelWriter& w) { w.tensor(3).scale = {s}; };
}

}  // namespace

std::vector<Case> quant_and_type_cases() {
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  return {
      // --- Quantization parameters (tensors of the FC model: 0 input, 1 weights, 2 bias, 3 output).
      fc("activation_without_quantization", [](ModelWriter& w) { w.tensor(3).has_quant = false; }, 3,
         "no quantization parameters"),
      fc("activation_with_empty_scales", [](ModelWriter& w) { w.tensor(0).scale.clear(); w.tensor(0).zero_point.clear(); },
         3, "no quantization parameters"),
      fc("scale_zero", output_scale(0.0f), 3, "scales must be positive"),
      fc("scale_negative", output_scale(-0.25f), 3, "scales must be positive"),
      fc("scale_nan", output_scale(nan), 3, "scales must be positive"),
      fc("scale_infinite", output_scale(inf), 3, "scales must be positive"),
      fc("weight_scale_nan", [nan](ModelWriter& w) { w.tensor(1).scale = {nan}; }, 3, "scales must be positive"),
      fc("zero_point_out_of_int8_range", [](ModelWriter& w) { w.tensor(3).zero_point = {300}; }, 3,
         "zero point 300 is outside the int8 range"),
      fc("zero_point_huge", [](ModelWriter& w) { w.tensor(0).zero_point = {int64_t{1} << 40}; }, 3,
         "is outside the int8 range"),
      conv("scale_and_zero_point_counts_differ", [](ModelWriter& w) { w.tensor(1).zero_point = {0, 0, 0}; }, 3,
           "4 scales but 3 zero points"),
      conv("per_channel_vector_too_short", [](ModelWriter& w) {
         w.tensor(1).scale.resize(3);
         w.tensor(1).zero_point.resize(3);
       }, 3, "per-channel quantization has 3 scales but dimension 0"),
      conv("per_channel_vector_too_long", [](ModelWriter& w) {
         w.tensor(1).scale.resize(9, 0.01f);
         w.tensor(1).zero_point.resize(9, 0);
       }, 3, "per-channel quantization has 9 scales"),
      conv("per_channel_bias_too_short", [](ModelWriter& w) {
         w.tensor(2).scale.resize(2);
         w.tensor(2).zero_point.resize(2);
       }, 3, "per-channel quantization has 2 scales"),
      conv("per_channel_axis_out_of_range", [](ModelWriter& w) { w.tensor(1).quantized_dimension = 7; }, 3,
           "quantization dimension 7 is outside the shape"),
      conv("per_channel_axis_negative", [](ModelWriter& w) { w.tensor(1).quantized_dimension = -1; }, 3,
           "quantization dimension -1 is outside the shape"),
      // --- Element types an operator cannot take.
      conv("int32_input_to_conv", [](ModelWriter& w) { w.tensor(0).type = TensorType::INT32; }, 4,
           "CONV_2D"),
      conv("int32_filter_in_conv", [](ModelWriter& w) {
         w.tensor(1).type = TensorType::INT32;
         w.tensor(1).shape = {4, 3, 3, 3};
         w.spec().buffers[w.tensor(1).buffer].data.resize(4 * 27 * 4);
       }, 4, "CONV_2D"),
      fc("float_weights", [](ModelWriter& w) {
         w.tensor(1).type = TensorType::FLOAT32;
         w.spec().buffers[w.tensor(1).buffer].data.resize(8 * 16 * 4);
       }, 4, "float models are not supported"),
      fc("unknown_tensor_type", [](ModelWriter& w) { w.tensor(3).type = static_cast<TensorType>(200); }, 4,
         "tensor type -56 is not supported"),  // the schema's TensorType is a signed byte
      fc("string_tensor_type", [](ModelWriter& w) { w.tensor(0).type = TensorType::STRING; }, 4,
         "tensor type STRING is not supported"),
      // --- Operators wired wrongly.
      fc("fc_missing_weights", [](ModelWriter& w) { w.op(0).inputs = {0}; }, 3, "FULLY_CONNECTED"),
      fc("fc_two_outputs", [](ModelWriter& w) { w.op(0).outputs = {3, 0}; }, 3, "FULLY_CONNECTED"),
      fc("fc_weights_do_not_match_input", [](ModelWriter& w) {
         w.tensor(1).shape = {8, 8};
         w.spec().buffers[w.tensor(1).buffer].data.resize(64);
       }, 3, "FULLY_CONNECTED"),
      conv("conv_filter_not_constant", [](ModelWriter& w) {
         w.tensor(1).buffer = 0;
         w.set_inputs({0, 1});
       }, 4, "CONV_2D"),
      conv("conv_options_of_another_op", [](ModelWriter& w) {
         w.op(0).options = make_options(tfl::BuiltinOptions::AddOptions,
                                        [](flatbuffers::FlatBufferBuilder& b) { return tfl::CreateAddOptions(b).Union(); });
       }, 3, "CONV_2D"),
      conv("conv_output_shape_wrong", [](ModelWriter& w) { w.tensor(3).shape = {1, 8, 8, 5}; }, 3, "CONV_2D"),
      // Found by the fuzzer (tests/fuzz/regressions has the original inputs): attribute values that
      // overflowed 32-bit arithmetic or divided by zero in the operator checks.
      conv("conv_dilation_overflows_int32", [](ModelWriter& w) {
         w.op(0).options = make_options(tfl::BuiltinOptions::Conv2DOptions, [](flatbuffers::FlatBufferBuilder& b) {
           return tfl::CreateConv2DOptions(b, tfl::Padding::SAME, 1, 1, tfl::ActivationFunctionType::NONE, 1 << 30,
                                           1 << 30).Union();
         });
       }, 3, "does not fit"),
      conv("conv_filter_deeper_than_input", [](ModelWriter& w) {
         w.tensor(0).shape = {1, 8, 8, 2};  // the filter is [4,3,3,3]: 3 input channels per group
       }, 3, "does not divide input depth 2"),
      {"depth_to_space_block_size_overflows", [] {
         ModelWriter w;
         const Quant q = test::per_tensor(0.5f, 0);
         const int in = w.add_tensor("in", TensorType::INT8, {1, 2, 2, 4}, q);
         const int out = w.add_tensor("out", TensorType::INT8, {1, 4, 4, 1}, q);
         w.add_op(tfl::BuiltinOperator::DEPTH_TO_SPACE, {in}, {out},
                  make_options(tfl::BuiltinOptions::DepthToSpaceOptions, [](flatbuffers::FlatBufferBuilder& b) {
                    return tfl::CreateDepthToSpaceOptions(b, 65536).Union();
                  }));
         w.set_inputs({in});
         w.set_outputs({out});
         return w.finish();
       }, 3, "block_size 65536"},
      conv("conv_rank_2_input", [](ModelWriter& w) { w.tensor(0).shape = {8, 24}; }, 3, "CONV_2D"),
  };
}

}  // namespace tinyaot::malformed
