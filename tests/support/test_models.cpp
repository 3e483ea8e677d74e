// tinyaot: the test models of test_models.h.
#include "support/test_models.h"

namespace tinyaot::test {

namespace {

using tfl::TensorType;

uint32_t next(uint32_t& x) {
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return x;
}

}  // namespace

Quant per_tensor(float scale, int64_t zero_point) {
  Quant q;
  q.scale = {scale};
  q.zero_point = {zero_point};
  return q;
}

Quant per_channel(float base_scale, int channels, int axis) {
  Quant q;
  for (int c = 0; c < channels; ++c) {
    q.scale.push_back(base_scale * (1.0f + 0.1f * static_cast<float>(c)));
    q.zero_point.push_back(0);
  }
  q.axis = axis;
  return q;
}

std::vector<int8_t> random_i8(std::size_t n, uint32_t seed, int lo, int hi) {
  uint32_t x = seed ? seed : 1;
  std::vector<int8_t> v(n);
  const uint32_t span = static_cast<uint32_t>(hi - lo + 1);
  for (auto& e : v) e = static_cast<int8_t>(lo + static_cast<int>(next(x) % span));
  return v;
}

std::vector<int32_t> random_i32(std::size_t n, uint32_t seed, int32_t lo, int32_t hi) {
  uint32_t x = seed ? seed : 1;
  std::vector<int32_t> v(n);
  const uint32_t span = static_cast<uint32_t>(hi - lo) + 1;
  for (auto& e : v) e = lo + static_cast<int32_t>(next(x) % span);
  return v;
}

ModelWriter fc_writer() {
  ModelWriter w;
  const float in_s = 0.05f, w_s = 0.01f;
  const int in = w.add_tensor("input", TensorType::INT8, {1, 16}, per_tensor(in_s, -5));
  const int weights = w.add_const_i8("fc/weights", {8, 16}, random_i8(8 * 16, 7), per_tensor(w_s, 0));
  const int bias = w.add_const_i32("fc/bias", {8}, random_i32(8, 11, -500, 500), per_tensor(in_s * w_s, 0));
  const int out = w.add_tensor("output", TensorType::INT8, {1, 8}, per_tensor(0.1f, 3));
  w.add_op(tfl::BuiltinOperator::FULLY_CONNECTED, {in, weights, bias}, {out},
           make_options(tfl::BuiltinOptions::FullyConnectedOptions,
                        [](flatbuffers::FlatBufferBuilder& b) { return tfl::CreateFullyConnectedOptions(b).Union(); }));
  w.set_inputs({in});
  w.set_outputs({out});
  w.set_description("tinyaot test: fully connected");
  return w;
}

std::vector<uint8_t> fc_model() { return fc_writer().finish(); }

/// Input scale of the conv test models.
constexpr float kConvInScale = 0.04f;

/// The test models' CONV_2D on NHWC tensor `in` (scale kConvInScale): 3x3x3 -> 4 channels, SAME, ReLU,
/// per-channel weights and a bias, with `stride`. Adds its filter, bias and output (`out_shape`); returns
/// the output.
int add_test_conv(ModelWriter& w, int in, int stride, const std::vector<int32_t>& out_shape) {
  const Quant wq = per_channel(0.02f, 4, 0);
  Quant bq = wq;
  for (float& s : bq.scale) s *= kConvInScale;
  const int filter = w.add_const_i8("conv/filter", {4, 3, 3, 3}, random_i8(4 * 27, 3), wq);
  const int bias = w.add_const_i32("conv/bias", {4}, random_i32(4, 5, -1000, 1000), bq);
  const int out = w.add_tensor("output", TensorType::INT8, out_shape, per_tensor(0.08f, -128));
  w.add_op(tfl::BuiltinOperator::CONV_2D, {in, filter, bias}, {out},
           make_options(tfl::BuiltinOptions::Conv2DOptions, [stride](flatbuffers::FlatBufferBuilder& b) {
             return tfl::CreateConv2DOptions(b, tfl::Padding::SAME, stride, stride,
                                             tfl::ActivationFunctionType::RELU)
                 .Union();
           }));
  return out;
}

ModelWriter conv_writer() {
  ModelWriter w;
  const int in = w.add_tensor("input", TensorType::INT8, {1, 8, 8, 3}, per_tensor(kConvInScale, 10));
  const int out = add_test_conv(w, in, 1, {1, 8, 8, 4});
  w.set_inputs({in});
  w.set_outputs({out});
  w.set_description("tinyaot test: conv");
  return w;
}

std::vector<uint8_t> conv_model() { return conv_writer().finish(); }

std::vector<uint8_t> nchw_conv_model() {
  // The conv model with an NCHW input and a leading TRANSPOSE, as models converted from PyTorch/ONNX begin.
  ModelWriter w;
  const int in = w.add_tensor("input_nchw", TensorType::INT8, {1, 3, 8, 8}, per_tensor(kConvInScale, 10));
  const int perm = w.add_const_i32("perm", {4}, {0, 2, 3, 1});
  const int nhwc = w.add_tensor("input_nhwc", TensorType::INT8, {1, 8, 8, 3}, per_tensor(kConvInScale, 10));
  w.add_op(tfl::BuiltinOperator::TRANSPOSE, {in, perm}, {nhwc});
  const int out = add_test_conv(w, nhwc, 2, {1, 4, 4, 4});
  w.set_inputs({in});
  w.set_outputs({out});
  w.set_description("tinyaot test: NCHW input, TRANSPOSE, conv");
  return w.finish();
}

ModelWriter passthrough_writer() {
  ModelWriter w;
  const int t = w.add_tensor("x", TensorType::INT8, {1, 4}, per_tensor(0.5f, -3));
  w.set_inputs({t});
  w.set_outputs({t});
  return w;
}

std::vector<uint8_t> passthrough_model() { return passthrough_writer().finish(); }

}  // namespace tinyaot::test
