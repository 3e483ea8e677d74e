// tinyaot: small valid models built with the ModelWriter, for reader tests and for other tests that need
// a .tflite file. The *_writer() forms return the unfinished writer so a test can break one field.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/graph.h"
#include "compiler/writer/model_writer.h"

namespace tinyaot::test {

/// Per-tensor quantization.
Quant per_tensor(float scale, int64_t zero_point);
/// Per-channel quantization along `axis`, zero points 0, scales base, base*1.1, base*1.2, ...
Quant per_channel(float base_scale, int channels, int axis);
/// Deterministic pseudo-random values in [lo, hi] (xorshift32 from `seed`).
std::vector<int8_t> random_i8(std::size_t n, uint32_t seed, int lo = -127, int hi = 127);
std::vector<int32_t> random_i32(std::size_t n, uint32_t seed, int32_t lo, int32_t hi);

/// int8[1,16] -> FULLY_CONNECTED (8 units, per-tensor int8 weights, int32 bias) -> int8[1,8].
/// Tensors: 0 input, 1 weights, 2 bias, 3 output; op 0.
ModelWriter fc_writer();
std::vector<uint8_t> fc_model();

/// int8[1,8,8,3] -> CONV_2D 3x3 SAME stride 1, 4 channels, per-channel weights, RELU -> int8[1,8,8,4].
/// Tensors: 0 input, 1 filter [4,3,3,3], 2 bias [4], 3 output; op 0.
ModelWriter conv_writer();
std::vector<uint8_t> conv_model();

/// int8[1,3,8,8] (NCHW) -> TRANSPOSE [0,2,3,1] -> CONV_2D 3x3 SAME stride 2, 4 channels, RELU -> int8[1,4,4,4]:
/// the shape of a model converted from an NCHW framework (fuse-input-transpose folds the TRANSPOSE).
std::vector<uint8_t> nchw_conv_model();

/// No operators: tensor 0 (int8[1,4], scale 0.5, zero point -3) is both the graph input and output. Its
/// errors surface before any operator lookup, so reader tests do not depend on registered ops.
ModelWriter passthrough_writer();
std::vector<uint8_t> passthrough_model();

}  // namespace tinyaot::test
