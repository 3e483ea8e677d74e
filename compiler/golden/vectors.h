// tinyaot golden: test vectors. Files (raw .bin or NumPy .npy) are turned into "records": one record per
// invoke, holding every input (or every output) of the model concatenated in the model's order, in the
// model's dtypes, exactly what the generated code reads and writes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"

namespace tinyaot::golden {

/// What the model says about one input or output.
struct TensorSpec {
  std::string name;
  DType type = DType::kOther;
  Shape shape;
  std::size_t bytes = 0;
  float scale = 0.0f;  ///< 0 when not quantized
  int32_t zero_point = 0;

  std::size_t elements() const { return type == DType::kOther ? 0 : bytes / dtype_size(type); }
};

/// `count` records of `record_bytes` each (the sum of the specs' bytes), back to back.
struct Records {
  std::size_t count = 0;
  std::size_t record_bytes = 0;
  std::vector<uint8_t> data;
};

/// How to read a set of files for a list of tensors.
struct LoadOptions {
  /// Raw .bin files hold float32 values (quantized on loading) rather than the tensors' own dtype.
  bool float_bin = false;
  std::string role = "input";  ///< "input" or "expected output", for messages
};

/// Loads `files` for `specs`:
///  - one file per tensor: file i holds N values of tensor i back to back (a stream of N records);
///  - one file for several tensors: N records of all tensors concatenated (the layout of shared/golden).
/// .npy arrays of another dtype are converted: floats into an integer tensor are quantized with its scale
/// and zero point, integers are range-checked. Only the element count is checked, not the .npy shape, so
/// (N, ...) and flat arrays both work. Throws Error(kUsage) naming the file on any size or type mismatch.
Records load_records(const std::vector<std::string>& files, const std::vector<TensorSpec>& specs,
                     const LoadOptions& opts);

/// TFLite's quantization of one value: round(x / scale) half away from zero, plus the zero point,
/// clamped to the range of `type` (int8, uint8, int16, int32).
int64_t quantize_value(float x, float scale, int32_t zero_point, DType type);

/// Smallest and largest value of an integer dtype.
int64_t dtype_min(DType type);
int64_t dtype_max(DType type);

/// Writes `records` to a file; Error(kIo) on failure.
void write_records(const std::string& path, const Records& records);

}  // namespace tinyaot::golden
