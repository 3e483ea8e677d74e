// tinyaot: compile-time half of UNIDIRECTIONAL_SEQUENCE_LSTM (int8 activations, int16 cell state), as
// TFLite Micro's UnidirectionalSequenceLstmPrepare / PrepareGateParametersInteger compute it: the gate FCs
// requantize to Q3.12 (scale 2^-12), the element-wise products use the Q0.15 gate outputs and the cell
// state scale, the tanh of the cell uses the cell scale's power of two. Zero points are folded into
// per-gate biases here, which TFLite Micro instead applies in every FC.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/quant/quant_math.h"

namespace tinyaot {

/// TFLite's LSTM input tensor indices (lstm_shared.h).
namespace lstm_input {
inline constexpr int kInput = 0;
inline constexpr int kInputToInputWeights = 1, kInputToForgetWeights = 2, kInputToCellWeights = 3,
                     kInputToOutputWeights = 4;
inline constexpr int kRecurrentToInputWeights = 5, kRecurrentToForgetWeights = 6, kRecurrentToCellWeights = 7,
                     kRecurrentToOutputWeights = 8;
inline constexpr int kInputGateBias = 12, kForgetGateBias = 13, kCellGateBias = 14, kOutputGateBias = 15;
inline constexpr int kOutputState = 18, kCellState = 19;
inline constexpr int kCount = 24;
}  // namespace lstm_input

/// Sizes deduced as TFLite Micro's CreateLstmSizeInfo does.
struct LstmDims {
  int32_t batches = 0, time_steps = 0, input_size = 0, state_size = 0;
  bool time_major = false;
};

/// The gates in TFLite Micro's evaluation order, with their input indices.
struct LstmGateIds {
  const char* name;
  int input_weights, recurrent_weights, bias;
};
inline constexpr std::array<LstmGateIds, 4> kLstmGates = {{
    {"forget", lstm_input::kInputToForgetWeights, lstm_input::kRecurrentToForgetWeights, lstm_input::kForgetGateBias},
    {"input", lstm_input::kInputToInputWeights, lstm_input::kRecurrentToInputWeights, lstm_input::kInputGateBias},
    {"cell", lstm_input::kInputToCellWeights, lstm_input::kRecurrentToCellWeights, lstm_input::kCellGateBias},
    {"output", lstm_input::kInputToOutputWeights, lstm_input::kRecurrentToOutputWeights, lstm_input::kOutputGateBias},
}};

/// One gate: multipliers of its two FCs and their folded biases (empty: none).
struct LstmGatePrepared {
  QuantizedMultiplier input_fc, recurrent_fc;
  std::vector<int32_t> input_bias, recurrent_bias;
};

/// Everything the kernel needs, computed once.
struct LstmPrepared : Prepared {
  LstmDims dims;
  std::array<LstmGatePrepared, 4> gates;  ///< order of kLstmGates
  QuantizedMultiplier forget_mul, input_mul, hidden_mul;
  int32_t hidden_zero_point = 0;
  int32_t cell_clip = -1;  ///< quantized bound, -1 when the model asks for no clipping
  int32_t cell_tanh_multiplier = 0, cell_tanh_shift = 0;
};

/// Sizes from the input and hidden state shapes (input rank 3 is checked by the caller).
LstmDims lstm_dims(const Graph& g, const Op& op, bool time_major);

/// All tensor checks of TFLite Micro's LstmTensors::ValidateTensorStatus and ValidateTensorSize, for the
/// int8 x int8 -> int16 cell variant we compile; throws a located Error.
void check_lstm_tensors(const Graph& g, const Op& op, const LstmDims& d);

/// TFLite's CheckedLog2: rounded log2 in float; `exact` tells whether x was a power of two.
int tflite_checked_log2(float x, bool* exact);

/// The compile-time computation (after check_lstm_tensors).
std::shared_ptr<LstmPrepared> prepare_lstm(const Graph& g, const Op& op, bool time_major, float cell_clip);

}  // namespace tinyaot
