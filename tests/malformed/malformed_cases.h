// tinyaot malformed-model corpus: every case is generated at test time from a valid model built by our
// ModelWriter (tests/support/test_models.h), with one field broken or the bytes of the file mutated, so
// no binary blob is committed. Each case names the exit code (docs/cli.md) and a phrase the one-line
// error message must contain.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <ostream>
#include <vector>

namespace tinyaot::malformed {

/// One malformed model and what `tinyaot compile` must say about it.
struct Case {
  std::string name;                            ///< test name and file stem
  std::function<std::vector<uint8_t>()> make;  ///< builds the file
  int exit_code = 3;                           ///< 3 invalid, 4 unsupported, 5 does not fit (docs/cli.md)
  std::string needle;                          ///< must appear in the error message
};

/// gtest prints a parameter in the test list; without this it dumps the struct's bytes (pointers),
/// which would make ctest's test names differ from one build to the next.
inline void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

/// Broken containers: empty, short, foreign, truncated, offsets and vectors pointing past the end.
std::vector<Case> container_cases();
/// Broken tensors, buffers and graph structure: dimensions, sizes, indices, cycles, writers.
std::vector<Case> structure_cases();
/// Broken or unusable quantization, wrong element types, wrong operator wiring.
std::vector<Case> quant_and_type_cases();
/// Models over tinyaot's size limits: operators, tensors, flatbuffer tables.
std::vector<Case> limit_cases();

/// A valid model: int8[1,8] through a chain of `n` RELU operators (for the limit and scaling tests).
std::vector<uint8_t> relu_chain_model(int n);

/// All of the above.
std::vector<Case> all_cases();

/// Finds `pattern` in `bytes` (it must occur exactly once) and returns its offset; throws otherwise.
std::size_t find_unique(const std::vector<uint8_t>& bytes, const std::vector<uint8_t>& pattern);
/// Overwrites the little-endian uint32 at `offset`.
void put_u32(std::vector<uint8_t>& bytes, std::size_t offset, uint32_t value);

}  // namespace tinyaot::malformed
