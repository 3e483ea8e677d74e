// tinyaot bench: TensorFlow Lite Micro's figures on the same QEMU boards (shared/anchors/tflm_cortexm.json).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace tinyaot::bench {

/// One TFLM run: a model on a core with the reference or the CMSIS-NN kernels, -O2 release build.
struct TflmRun {
  std::uint64_t insns = 0;          ///< instructions of Invoke #1
  std::uint64_t macs = 0;
  std::uint64_t flash_runtime = 0;  ///< flash without the model flatbuffer (framework, kernels, libc)
  std::uint64_t model_bytes = 0;    ///< the .tflite flatbuffer kept in flash
  std::uint64_t arena_used = 0;     ///< arena_used_bytes()
  std::uint64_t stack_used = 0;     ///< peak stack of the whole program
  std::uint64_t ram_data_bss = 0;   ///< .data + .bss (arena buffer and interpreter included)
  bool ok = false;
};

/// Key: "<model>/<core>/<kernels>", e.g. "kws_dscnn/m4/cmsis".
using Anchors = std::map<std::string, TflmRun>;

/// Reads the -O2 release rows of the anchor file; empty when the file is missing or unreadable.
Anchors load_anchors(const std::filesystem::path& json_file);

/// The anchor row, or nullptr.
const TflmRun* find_anchor(const Anchors& a, const std::string& model, const std::string& core,
                           const std::string& kernels);

}  // namespace tinyaot::bench
