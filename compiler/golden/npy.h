// tinyaot golden: reading NumPy .npy files (format versions 1.0, 2.0 and 3.0), the format people save
// test vectors in from Python (np.save). Only what test vectors need: numeric dtypes, C order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tinyaot::golden {

/// A numeric array as stored in a .npy file; `data` is converted to little-endian.
struct NpyArray {
  char kind = 0;              ///< 'i' signed, 'u' unsigned, 'f' floating point, 'b' bool
  int item_size = 0;          ///< bytes per element: 1, 2, 4 or 8
  std::vector<int64_t> shape;  ///< () for a scalar
  std::vector<uint8_t> data;  ///< elements in C order, little-endian
  std::string descr;          ///< as written in the header, e.g. "<f4"

  std::size_t num_elements() const { return item_size ? data.size() / static_cast<std::size_t>(item_size) : 0; }
  /// Element `i` as a double (exact for every integer type up to 32 bits, and int64 up to 2^53).
  double value(std::size_t i) const;
};

/// Parses the bytes of a .npy file. Throws Error(kUsage) naming `file` for anything else than a C-order
/// array of bool, int8..int64, uint8..uint64, float32 or float64 (Fortran order, object arrays, structured
/// dtypes, a truncated file).
NpyArray parse_npy(const std::vector<uint8_t>& bytes, const std::string& file);

/// Reads and parses a .npy file; Error(kIo) when it cannot be read.
NpyArray read_npy(const std::string& path);

/// The whole contents of a file; Error(kIo) naming it when it cannot be read.
std::vector<uint8_t> read_file_bytes(const std::string& path);

}  // namespace tinyaot::golden
