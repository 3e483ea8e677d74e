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
/// Most operators a model may have (real models have tens to hundreds): a deeper graph is refused with
/// kDoesNotFit before any pass runs, so no pass needs to cope with pathological sizes.
inline constexpr int kMaxOps = 10000;
/// Most tensors a model may have (kDoesNotFit beyond).
inline constexpr int kMaxTensors = 100000;
/// Most flatbuffer tables the verifier visits; a file with more is refused (kDoesNotFit) before reading.
inline constexpr int kMaxTables = 1000000;

}  // namespace tinyaot
