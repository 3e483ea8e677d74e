// tinyaot: the TFLite reader.
// Turns a .tflite file into the IR after checking everything the later stages rely on: the flatbuffer
// itself (verifier), indices, shapes, constant sizes, quantization, execution order, and which operators
// we support. Each problem becomes one located Error, so a bad or unsupported model never reaches a pass.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "compiler/ir/graph.h"

namespace tinyaot {

/// Reads and checks a .tflite file into the IR. Throws Error (kIo, kInvalidModel, kUnsupported,
/// kDoesNotFit) with the file set.
Graph read_model(const std::string& path);

/// Same from memory; `name` is used in messages (the fuzzer and tests use this).
Graph read_model_from_memory(std::span<const uint8_t> bytes, const std::string& name);

/// Largest tensor the reader accepts, in bytes (also caps the product of the dimensions).
inline constexpr int64_t kMaxTensorBytes = int64_t{1} << 30;

}  // namespace tinyaot
