// tinyaot conformance: element-wise comparison of raw tensor bytes, with a readable summary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace tinyaot::conformance {

/// How two buffers of one dtype differ. Values are printed in the dtype (int8 as a number, not a char).
struct Diff {
  std::size_t elements = 0;    ///< elements compared
  std::size_t mismatches = 0;  ///< elements that differ
  double max_abs_diff = 0;     ///< largest |expected - actual|
  std::size_t first = 0;       ///< index of the first mismatching element
  std::string first_expected, first_actual;
  bool size_mismatch = false;  ///< the buffers have different lengths (nothing else is compared)
  std::size_t expected_bytes = 0, actual_bytes = 0;

  bool equal() const { return !size_mismatch && mismatches == 0; }
  /// "12 of 640 elements differ, max |diff| 3, first at [17]: expected -5, got -4" (or the size problem).
  std::string summary() const;
};

/// Compares two buffers element by element as `dtype` (manifest spelling: "INT8", "INT16", ...).
Diff compare(const std::uint8_t* expected, std::size_t expected_bytes, const std::uint8_t* actual,
             std::size_t actual_bytes, const std::string& dtype);

}  // namespace tinyaot::conformance
