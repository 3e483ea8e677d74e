// tinyaot golden: comparing what the generated code produced with the expected outputs, per output
// tensor, in the output's own dtype.
#pragma once

#include <string>
#include <vector>

#include "compiler/golden/vectors.h"

namespace tinyaot::golden {

/// The comparison of one output over all records.
struct OutputDiff {
  std::size_t output = 0;     ///< index among the model's outputs
  TensorSpec spec;
  std::size_t records = 0;
  std::size_t elements = 0;   ///< compared, over all records
  std::size_t mismatches = 0; ///< elements whose |got - expected| exceeds the tolerance
  double max_diff = 0;        ///< largest |got - expected| over all elements
  // The first mismatch, when there is one.
  std::size_t first_record = 0, first_element = 0;
  std::string first_expected, first_got;

  bool ok() const { return mismatches == 0; }
};

/// Compares `got` with `expected` (same record layout and count) output by output. An element differs
/// when |got - expected| > tolerance (NaN equals NaN for float outputs).
std::vector<OutputDiff> compare_records(const Records& got, const Records& expected,
                                        const std::vector<TensorSpec>& outputs, double tolerance);

/// One line per output, e.g.
///   output 0 'Identity' int8[1,4]: 2 of 20 elements differ (5 records), largest difference 3,
///   first at record 2, element [0,1]: expected -12, got -9
std::string format_diff(const OutputDiff& d, double tolerance);

/// "[0,2,1]": the multi-dimensional index of flat element `flat` in `shape`.
std::string index_text(const Shape& shape, std::size_t flat);

}  // namespace tinyaot::golden
