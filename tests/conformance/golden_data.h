// tinyaot conformance: the golden data in $TINYAOT_SHARED/golden (cases, manifests, intermediates).
// Only reads; the shared folder is read-only and never copied into the repository.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace tinyaot::conformance {

/// One golden case: a real model (golden/<name>/) or a synthetic op case (golden/ops/<name>/).
struct GoldenCase {
  std::string id;    ///< test name: "model_<name>" or "op_<name>" ("shared_data_missing" when absent)
  std::string name;  ///< directory name
  bool is_op = false;
  bool missing = false;  ///< the shared folder was not found: the only case, which skips
  std::filesystem::path dir;  ///< golden directory
};

/// gtest prints parameters with this (instead of a byte dump).
inline void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.dir.string(); }

/// An input or output as described by manifest.json.
struct TensorSpec {
  std::string name;
  int tensor_index = -1;
  std::string dtype;  ///< "INT8", "INT16", "INT32", "UINT8", "FLOAT32", ...
  std::size_t bytes = 0;
};

/// The parts of manifest.json the suite uses.
struct Manifest {
  std::filesystem::path model;  ///< absolute path of the .tflite file
  std::vector<TensorSpec> inputs, outputs;
  std::vector<int> seeds;
  std::uint64_t tflm_arena_bytes = 0;  ///< TFLM arena_used_bytes (x86_64), for the report
};

/// One tensor of intermediates_1.json: its bytes are intermediates_1.bin[offset, offset + bytes).
struct Intermediate {
  int tensor_index = -1;
  std::string name, dtype;
  std::size_t offset = 0, bytes = 0;
};

/// $TINYAOT_SHARED if set, else the compiled-in default (the `shared` folder beside the repository).
std::filesystem::path shared_dir();

/// Every case directory, real models first (largest model first, so `ctest -j` starts the slow ones
/// early), then op cases by name. A single `missing` case when the shared folder does not exist.
std::vector<GoldenCase> discover_cases();

/// Parses <case>/manifest.json; throws std::runtime_error with the file name on a malformed manifest.
Manifest load_manifest(const GoldenCase& c);

/// Parses <case>/intermediates_1.json; empty when the case has no intermediates.
std::vector<Intermediate> load_intermediates(const std::filesystem::path& case_dir);

/// Whole file as bytes; throws std::runtime_error when it cannot be read.
std::vector<std::uint8_t> read_file(const std::filesystem::path& p);

/// Whole file as text ("" when it cannot be read).
std::string read_text(const std::filesystem::path& p);

/// Bytes per element of a manifest dtype (1 for unknown types, so they compare byte by byte).
std::size_t dtype_size(const std::string& dtype);

}  // namespace tinyaot::conformance
