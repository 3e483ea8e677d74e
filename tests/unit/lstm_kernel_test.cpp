// tinyaot: unit tests of the integer LSTM: the int16 table sigmoid / tanh, one and two time steps of the
// kernel against values worked out with TFLite Micro's formulas (zero points applied in every FC, no
// folding), and the compile-time parameters (multipliers, folded biases, clip, tanh shift).
#include <gtest/gtest.h>

#include <vector>

#include "compiler/ops/lstm_util.h"
#include "tinyaot_rt/lstm.h"

namespace tinyaot {
namespace {

constexpr int32_t kOne = 1073741824;  // Q31 0.5: with shift 1 the FCs scale by exactly 1

TEST(LstmActivations, SigmoidTable) {
  // Q3.12 in, Q0.15 out: sigmoid(0) = 0.5, sigmoid(+-1) = 0.7311 / 0.2689 (table rounding), far ends.
  EXPECT_EQ(tinyaot_rt::sigmoid_s16(0, 0), 16384);
  EXPECT_EQ(tinyaot_rt::sigmoid_s16(4096, 0), 23956);
  EXPECT_EQ(tinyaot_rt::sigmoid_s16(-4096, 0), 8812);
  EXPECT_EQ(tinyaot_rt::sigmoid_s16(20000, 0), 32521);
  EXPECT_EQ(tinyaot_rt::sigmoid_s16(32767, 0), 32757);
  EXPECT_EQ(tinyaot_rt::sigmoid_s16(-32768, 0), 11);
}

TEST(LstmActivations, TanhTable) {
  EXPECT_EQ(tinyaot_rt::tanh_s16(0, 0, 0), 0);
  EXPECT_EQ(tinyaot_rt::tanh_s16(4096, 0, 0), 24956);    // tanh(1) = 0.7616
  EXPECT_EQ(tinyaot_rt::tanh_s16(-4096, 0, 0), -24956);  // floor of the shifted negative value
  EXPECT_EQ(tinyaot_rt::tanh_s16(32767, 0, 0), 32767);
  EXPECT_EQ(tinyaot_rt::tanh_s16(-32768, 0, 0), -32767);
  // Cell scale 2^-15: multiplier 3, right shift 3 (rounded): tanh(1000 / 32768) ~ 1000 / 32768.
  EXPECT_EQ(tinyaot_rt::tanh_s16(1000, 3, 3), 1000);
  EXPECT_EQ(tinyaot_rt::tanh_s16(-1001, 3, 3), -1000);
}

tinyaot_rt::LstmParams params(int32_t state, int32_t input, int32_t steps) {
  const tinyaot_rt::LstmGateParams unit = {kOne, 1, kOne, 1};
  // Cell scale 2^-11 (forget x cell: 2^-15; input x cell gate: 2^-19), hidden scale 2^-7 (2^-23), zp 3.
  return {1,   steps, input, state, false, unit,  unit, unit, unit, kOne, -14, kOne,
          -18, kOne,  -22,   3,     -1,    /*cell tanh: 3 << 1*/ 0,   1};
}

TEST(LstmKernel, OneStepOneUnit) {
  // Weights 0: the biases alone set the gates: f = sigmoid(0), i = sigmoid(1), g = tanh(1), o = sigmoid(-1).
  const int8_t zero[] = {0};
  const int32_t bf[] = {0}, bi[] = {4096}, bg[] = {4096}, bo[] = {-4096};
  const tinyaot_rt::LstmWeights w = {{zero, bf, zero, nullptr}, {zero, bi, zero, nullptr},
                                     {zero, bg, zero, nullptr}, {zero, bo, zero, nullptr}};
  const int8_t x[] = {17};
  int8_t h[] = {3}, out[1];
  int16_t c[] = {0}, scratch[4];
  tinyaot_rt::lstm_s8(params(1, 1, 1), w, x, h, c, out, scratch);
  // c = 23956 * 24956 * 2^-19 = 1140.3 -> 1140; tanh(1140 * 2^-11) -> 16563; h = 3 + 16563 * 8812 * 2^-23.
  EXPECT_EQ(c[0], 1140);
  EXPECT_EQ(h[0], 20);
  EXPECT_EQ(out[0], 20);
}

TEST(LstmKernel, TwoStepsWithRecurrenceAndZeroPoints) {
  // Input zp 5 and hidden zp -2, folded: input bias b - 5 * row sum, recurrent bias 2 * row sum.
  // (TFLite: f = [100, -50] x, [[20, -10], [5, 5]] h, bias [300, -200]; the others likewise.)
  const int8_t wf[] = {100, -50}, rf[] = {20, -10, 5, 5};
  const int8_t wi[] = {80, 60}, ri[] = {-30, 40, 10, -20};
  const int8_t wg[] = {-120, 90}, rg[] = {50, 50, -60, 30};
  const int8_t wo[] = {70, -40}, ro[] = {15, -25, 35, 45};
  const int32_t bf[] = {-200, 50}, bi[] = {600, -300}, bg[] = {100, 250}, bo[] = {-350, 600};
  const int32_t cf[] = {20, 20}, ci[] = {20, -20}, cg[] = {200, -60}, co[] = {-20, 160};
  const tinyaot_rt::LstmWeights w = {{wf, bf, rf, cf}, {wi, bi, ri, ci}, {wg, bg, rg, cg}, {wo, bo, ro, co}};
  tinyaot_rt::LstmParams p = params(2, 1, 2);
  p.hidden_zero_point = -2;
  const int8_t x[] = {30, -60};
  int8_t h[] = {-2, -2}, out[4];
  int16_t c[] = {0, 0}, scratch[8];
  tinyaot_rt::lstm_s8(p, w, x, h, c, out, scratch);
  EXPECT_EQ(std::vector<int8_t>(out, out + 4), (std::vector<int8_t>{-36, 19, 5, 8}));
  EXPECT_EQ(std::vector<int16_t>(c, c + 2), (std::vector<int16_t>{540, 234}));
  EXPECT_EQ(std::vector<int8_t>(h, h + 2), (std::vector<int8_t>{5, 8}));
}

TEST(LstmKernel, CellClip) {
  const int8_t zero[] = {0};
  const int32_t big[] = {32767}, none[] = {0};
  // f = sigmoid(8) ~ 1 keeps the cell, i = g ~ 1 add ~2^11 per step: clipped at 1000.
  const tinyaot_rt::LstmWeights w = {{zero, big, zero, nullptr}, {zero, big, zero, nullptr},
                                     {zero, big, zero, nullptr}, {zero, none, zero, nullptr}};
  tinyaot_rt::LstmParams p = params(1, 1, 1);
  p.cell_clip = 1000;
  const int8_t x[] = {0};
  int8_t h[] = {0}, out[1];
  int16_t c[] = {900}, scratch[4];
  tinyaot_rt::lstm_s8(p, w, x, h, c, out, scratch);
  EXPECT_EQ(c[0], 1000);
}

Tensor tensor(DType type, Shape shape, float scale, int64_t zp, std::vector<int8_t> data = {}) {
  Tensor t;
  t.type = type;
  t.shape = std::move(shape);
  t.quant.scale = {scale};
  t.quant.zero_point = {zp};
  if (!data.empty()) {
    t.is_const = true;
    t.data.assign(reinterpret_cast<const uint8_t*>(data.data()),
                  reinterpret_cast<const uint8_t*>(data.data()) + data.size());
  }
  return t;
}

Tensor bias(std::vector<int32_t> v) {
  Tensor t;
  t.type = DType::kInt32;
  t.shape = {static_cast<int32_t>(v.size())};
  t.is_const = true;
  t.data.assign(reinterpret_cast<const uint8_t*>(v.data()), reinterpret_cast<const uint8_t*>(v.data()) + v.size() * 4);
  return t;
}

TEST(LstmPrepare, MultipliersAndFoldedBiases) {
  // Input scale 2^-4 x weights 2^-8 and hidden 2^-7 x recurrent weights 2^-5 are exactly Q3.12: x1.0.
  Graph g;
  g.tensors.push_back(tensor(DType::kInt8, {1, 2, 1}, 0.0625f, 5));  // 0: input [batch, time, input]
  const std::vector<std::vector<int8_t>> in_w = {{80, 60}, {100, -50}, {-120, 90}, {70, -40}};  // i, f, g, o
  const std::vector<std::vector<int8_t>> rec_w = {{-30, 40, 10, -20}, {20, -10, 5, 5}, {50, 50, -60, 30}, {15, -25, 35, 45}};
  for (const auto& w : in_w) g.tensors.push_back(tensor(DType::kInt8, {2, 1}, 0.00390625f, 0, w));  // 1-4
  for (const auto& w : rec_w) g.tensors.push_back(tensor(DType::kInt8, {2, 2}, 0.03125f, 0, w));    // 5-8
  for (const auto& b : std::vector<std::vector<int32_t>>{{1000, 0}, {300, -200}, {-500, 700}, {0, 400}})
    g.tensors.push_back(bias(b));                                                                     // 9-12
  g.tensors.push_back(tensor(DType::kInt8, {1, 2}, 0.0078125f, -2));     // 13: hidden state
  g.tensors.push_back(tensor(DType::kInt16, {1, 2}, 0.00048828125f, 0));  // 14: cell state, 2^-11
  g.tensors.push_back(tensor(DType::kInt8, {1, 2, 2}, 0.0078125f, -2));  // 15: output
  for (int id : {13, 14}) g.tensors[static_cast<std::size_t>(id)].is_variable = true;
  for (std::size_t i = 0; i < g.tensors.size(); ++i) g.tensors[i].id = static_cast<int>(i);
  Op op;
  op.index = 0;
  op.inputs = {0, 1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1, 9, 10, 11, 12, -1, -1, 13, 14, -1, -1, -1, -1};
  op.outputs = {15};
  const LstmDims d = lstm_dims(g, op, false);
  EXPECT_EQ(d.batches, 1);
  EXPECT_EQ(d.time_steps, 2);
  EXPECT_EQ(d.state_size, 2);
  check_lstm_tensors(g, op, d);
  const auto p = prepare_lstm(g, op, false, 10.0f);
  for (const LstmGatePrepared& gate : p->gates) {
    EXPECT_EQ(gate.input_fc.multiplier, kOne);
    EXPECT_EQ(gate.input_fc.shift, 1);
    EXPECT_EQ(gate.recurrent_fc.multiplier, kOne);
    EXPECT_EQ(gate.recurrent_fc.shift, 1);
  }
  // Forget gate first: bias - 5 * row sum, and -(-2) * recurrent row sum.
  EXPECT_EQ(p->gates[0].input_bias, (std::vector<int32_t>{-200, 50}));
  EXPECT_EQ(p->gates[0].recurrent_bias, (std::vector<int32_t>{20, 20}));
  EXPECT_EQ(p->gates[1].input_bias, (std::vector<int32_t>{600, -300}));
  EXPECT_EQ(p->gates[2].recurrent_bias, (std::vector<int32_t>{200, -60}));
  EXPECT_EQ(p->gates[3].input_bias, (std::vector<int32_t>{-350, 600}));
  EXPECT_EQ(p->forget_mul.multiplier, kOne);
  EXPECT_EQ(p->forget_mul.shift, -14);
  EXPECT_EQ(p->input_mul.shift, -18);
  EXPECT_EQ(p->hidden_mul.shift, -22);
  EXPECT_EQ(p->hidden_zero_point, -2);
  EXPECT_EQ(p->cell_clip, 20480);  // 10 / 2^-11
  EXPECT_EQ(p->cell_tanh_multiplier, 0);
  EXPECT_EQ(p->cell_tanh_shift, 1);
  EXPECT_EQ(prepare_lstm(g, op, false, 0.0f)->cell_clip, -1);
}

}  // namespace
}  // namespace tinyaot
