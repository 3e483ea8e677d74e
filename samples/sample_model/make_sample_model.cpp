// tinyaot sample: writes a small deterministic int8 image classifier of our own, used by the README quick
// start: int8[1,16,16,1] -> CONV_2D 3x3 (8 ch, per-channel, RELU) -> MAX_POOL_2D 2x2 -> DEPTHWISE_CONV_2D
// 3x3 (RELU6) -> AVERAGE_POOL_2D global -> RESHAPE -> FULLY_CONNECTED(4) -> SOFTMAX -> int8[1,4].
// Weights come from a fixed-seed generator; each layer's weights are scaled so its output keeps about the
// input's spread, and each output scale covers about +-4 standard deviations of what the layer produces.
//
// Usage: tinyaot_make_sample_model out.tflite
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "compiler/writer/model_writer.h"

namespace {

using tinyaot::ModelWriter;
using tinyaot::Quant;
using tinyaot::tfl::ActivationFunctionType;
using tinyaot::tfl::BuiltinOperator;
using tinyaot::tfl::BuiltinOptions;
using tinyaot::tfl::Padding;
using tinyaot::tfl::TensorType;
using Builder = flatbuffers::FlatBufferBuilder;

/// xorshift32 with a fixed seed: the file is byte-identical on every run and machine.
struct Rng {
  uint32_t x = 0x5eed1234u;
  uint32_t next() {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  }
  float unit() { return static_cast<float>(next() >> 8) / 16777216.0f; }  // [0, 1)
  int8_t weight() { return static_cast<int8_t>(static_cast<int>(next() % 255u) - 127); }
};

Quant quant(float scale, int64_t zero_point) {
  Quant q;
  q.scale = {scale};
  q.zero_point = {zero_point};
  return q;
}

/// Output quantization for a layer whose real output has standard deviation `sigma`.
Quant output_quant(float sigma, bool relu) {
  return relu ? quant(3.0f * sigma / 255.0f, -128) : quant(8.0f * sigma / 255.0f, 0);
}

/// Per-channel weights uniform in +-a_c with a_c ~ sqrt(3 / fan_in) (unit gain), and their bias.
struct Weights {
  std::vector<int8_t> values;
  Quant wq, bq;
  std::vector<int32_t> bias;
};

Weights make_weights(Rng& rng, int channels, int per_channel, int fan_in, int axis, float in_scale,
                     bool per_channel_quant) {
  Weights w;
  w.values.resize(static_cast<std::size_t>(channels * per_channel));
  for (auto& v : w.values) v = rng.weight();
  const float a = std::sqrt(3.0f / static_cast<float>(fan_in));
  for (int c = 0; c < (per_channel_quant ? channels : 1); ++c) {
    w.wq.scale.push_back(a * (0.8f + 0.4f * rng.unit()) / 127.0f);
    w.wq.zero_point.push_back(0);
  }
  w.wq.axis = axis;
  for (int c = 0; c < channels; ++c) {
    const float ws = w.wq.scale[per_channel_quant ? static_cast<std::size_t>(c) : 0];
    const float real_bias = 0.05f * (2.0f * rng.unit() - 1.0f);
    w.bias.push_back(static_cast<int32_t>(std::lround(real_bias / (in_scale * ws))));
  }
  for (float ws : w.wq.scale) w.bq.scale.push_back(in_scale * ws);
  w.bq.zero_point.assign(w.bq.scale.size(), 0);
  return w;
}

std::vector<uint8_t> build_model() {
  Rng rng;
  ModelWriter m;
  m.set_description("tinyaot sample model: 16x16 grayscale, 4 classes, random weights");

  const Quant in_q = quant(1.0f / 255.0f, -128);  // pixels in [0, 1]
  const int input = m.add_tensor("input", TensorType::INT8, {1, 16, 16, 1}, in_q);
  float sigma = 0.577f;  // rms of uniform [0, 1]

  // CONV_2D 3x3, 8 channels, SAME, RELU. Filter [8,3,3,1], per-channel along 0.
  Weights cw = make_weights(rng, 8, 9, 9, 0, in_q.s(), true);
  const int conv_f = m.add_const_i8("conv/filter", {8, 3, 3, 1}, cw.values, cw.wq);
  const int conv_b = m.add_const_i32("conv/bias", {8}, cw.bias, cw.bq);
  const Quant conv_q = output_quant(sigma, true);
  const int conv = m.add_tensor("conv/relu", TensorType::INT8, {1, 16, 16, 8}, conv_q);
  m.add_op(BuiltinOperator::CONV_2D, {input, conv_f, conv_b}, {conv},
           tinyaot::make_options(BuiltinOptions::Conv2DOptions, [](Builder& b) {
             return tinyaot::tfl::CreateConv2DOptions(b, Padding::SAME, 1, 1, ActivationFunctionType::RELU).Union();
           }));

  // MAX_POOL_2D 2x2 stride 2: same quantization as its input.
  const int pool = m.add_tensor("maxpool", TensorType::INT8, {1, 8, 8, 8}, conv_q);
  m.add_op(BuiltinOperator::MAX_POOL_2D, {conv}, {pool}, tinyaot::make_options(BuiltinOptions::Pool2DOptions, [](Builder& b) {
             return tinyaot::tfl::CreatePool2DOptions(b, Padding::VALID, 2, 2, 2, 2).Union();
           }));
  sigma *= 1.2f;  // max pooling keeps the largest of four RELU outputs

  // DEPTHWISE_CONV_2D 3x3, multiplier 1, SAME, RELU6. Filter [1,3,3,8], per-channel along 3.
  Weights dw = make_weights(rng, 8, 9, 9, 3, conv_q.s(), true);
  std::vector<int8_t> dw_hwc(dw.values.size());  // generated per channel; stored as [1,3,3,8]
  for (int c = 0; c < 8; ++c)
    for (int k = 0; k < 9; ++k) dw_hwc[static_cast<std::size_t>(k * 8 + c)] = dw.values[static_cast<std::size_t>(c * 9 + k)];
  const int dw_f = m.add_const_i8("dw/filter", {1, 3, 3, 8}, dw_hwc, dw.wq);
  const int dw_b = m.add_const_i32("dw/bias", {8}, dw.bias, dw.bq);
  const Quant dw_q = output_quant(sigma, true);
  const int dwo = m.add_tensor("dw/relu6", TensorType::INT8, {1, 8, 8, 8}, dw_q);
  m.add_op(BuiltinOperator::DEPTHWISE_CONV_2D, {pool, dw_f, dw_b}, {dwo},
           tinyaot::make_options(BuiltinOptions::DepthwiseConv2DOptions, [](Builder& b) {
             return tinyaot::tfl::CreateDepthwiseConv2DOptions(b, Padding::SAME, 1, 1, 1, ActivationFunctionType::RELU6)
                 .Union();
           }));

  // AVERAGE_POOL_2D over the whole 8x8 map, then RESHAPE to [1,8] (both keep the quantization).
  const int gap = m.add_tensor("avgpool", TensorType::INT8, {1, 1, 1, 8}, dw_q);
  m.add_op(BuiltinOperator::AVERAGE_POOL_2D, {dwo}, {gap}, tinyaot::make_options(BuiltinOptions::Pool2DOptions, [](Builder& b) {
             return tinyaot::tfl::CreatePool2DOptions(b, Padding::VALID, 1, 1, 8, 8).Union();
           }));
  const int new_shape = m.add_const_i32("reshape/shape", {2}, {1, 8});
  const int flat = m.add_tensor("flatten", TensorType::INT8, {1, 8}, dw_q);
  m.add_op(BuiltinOperator::RESHAPE, {gap, new_shape}, {flat}, tinyaot::make_options(BuiltinOptions::ReshapeOptions, [](Builder& b) {
             const std::vector<int32_t> shape = {1, 8};
             return tinyaot::tfl::CreateReshapeOptionsDirect(b, &shape).Union();
           }));

  // FULLY_CONNECTED 8 -> 4, per-tensor weights [4,8], no activation.
  Weights fw = make_weights(rng, 4, 8, 8, 0, dw_q.s(), false);
  const int fc_w = m.add_const_i8("fc/weights", {4, 8}, fw.values, fw.wq);
  const int fc_b = m.add_const_i32("fc/bias", {4}, fw.bias, fw.bq);
  // The global average shrinks the spread of the features, so the logits spread less than sigma.
  const int logits = m.add_tensor("logits", TensorType::INT8, {1, 4}, output_quant(0.4f * sigma, false));
  m.add_op(BuiltinOperator::FULLY_CONNECTED, {flat, fc_w, fc_b}, {logits},
           tinyaot::make_options(BuiltinOptions::FullyConnectedOptions, [](Builder& b) {
             return tinyaot::tfl::CreateFullyConnectedOptions(b).Union();
           }));

  // SOFTMAX: TFLite fixes the int8 output quantization to 1/256, -128.
  const int probs = m.add_tensor("probabilities", TensorType::INT8, {1, 4}, quant(1.0f / 256.0f, -128));
  m.add_op(BuiltinOperator::SOFTMAX, {logits}, {probs}, tinyaot::make_options(BuiltinOptions::SoftmaxOptions, [](Builder& b) {
             return tinyaot::tfl::CreateSoftmaxOptions(b, 1.0f).Union();
           }));

  m.set_inputs({input});
  m.set_outputs({probs});
  return m.finish();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s out.tflite\n", argc > 0 ? argv[0] : "tinyaot_make_sample_model");
    return 2;
  }
  const std::vector<uint8_t> bytes = build_model();
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "error: cannot write %s\n", argv[1]);
    return 6;
  }
  std::printf("wrote %s (%zu bytes): int8[1,16,16,1] -> CONV_2D -> MAX_POOL_2D -> DEPTHWISE_CONV_2D -> "
              "AVERAGE_POOL_2D -> RESHAPE -> FULLY_CONNECTED -> SOFTMAX -> int8[1,4]\n",
              argv[1], bytes.size());
  return 0;
}
