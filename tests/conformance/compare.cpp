// tinyaot conformance: element-wise comparison of raw tensor bytes.
// Bytes are decoded with memcpy (little-endian host, as the goldens are) so unaligned buffers are fine.
#include "compare.h"

#include <cmath>
#include <cstring>
#include <sstream>

#include "golden_data.h"

namespace tinyaot::conformance {

namespace {

template <typename T>
T load(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// Decodes element `i` as a double (exact for every integer type up to 2^53) and as text.
template <typename T>
double value(const std::uint8_t* base, std::size_t i, std::string* text) {
  const T v = load<T>(base + i * sizeof(T));
  if (text) {
    std::ostringstream s;
    if constexpr (sizeof(T) == 1)
      s << static_cast<int>(v);
    else
      s << v;
    *text = s.str();
  }
  return static_cast<double>(v);
}

double decode(const std::string& dtype, const std::uint8_t* base, std::size_t i, std::string* text) {
  if (dtype == "INT8") return value<std::int8_t>(base, i, text);
  if (dtype == "INT16") return value<std::int16_t>(base, i, text);
  if (dtype == "UINT16") return value<std::uint16_t>(base, i, text);
  if (dtype == "INT32") return value<std::int32_t>(base, i, text);
  if (dtype == "UINT32") return value<std::uint32_t>(base, i, text);
  if (dtype == "INT64") return value<std::int64_t>(base, i, text);
  if (dtype == "FLOAT32") return value<float>(base, i, text);
  if (dtype == "FLOAT64") return value<double>(base, i, text);
  return value<std::uint8_t>(base, i, text);  // UINT8, BOOL and anything unknown: raw bytes
}

}  // namespace

std::string Diff::summary() const {
  std::ostringstream s;
  if (size_mismatch) {
    s << "size differs: expected " << expected_bytes << " bytes, got " << actual_bytes;
    return s.str();
  }
  if (mismatches == 0) return "identical";
  s << mismatches << " of " << elements << " elements differ, max |diff| " << max_abs_diff << ", first at ["
    << first << "]: expected " << first_expected << ", got " << first_actual;
  return s.str();
}

Diff compare(const std::uint8_t* expected, std::size_t expected_bytes, const std::uint8_t* actual,
             std::size_t actual_bytes, const std::string& dtype) {
  Diff d;
  d.expected_bytes = expected_bytes;
  d.actual_bytes = actual_bytes;
  if (expected_bytes != actual_bytes) {
    d.size_mismatch = true;
    return d;
  }
  const std::size_t es = dtype_size(dtype);
  d.elements = expected_bytes / es;
  for (std::size_t i = 0; i < d.elements; ++i) {
    // Byte equality is the criterion (bit-exact); decoding only describes the difference.
    if (std::memcmp(expected + i * es, actual + i * es, es) == 0) continue;
    const bool first = d.mismatches++ == 0;
    const double e = decode(dtype, expected, i, first ? &d.first_expected : nullptr);
    const double a = decode(dtype, actual, i, first ? &d.first_actual : nullptr);
    if (first) d.first = i;
    const double diff = std::fabs(e - a);
    if (diff > d.max_abs_diff || std::isnan(diff)) d.max_abs_diff = diff;
  }
  // A trailing partial element (bytes not a multiple of the element size) is compared as raw bytes.
  for (std::size_t b = d.elements * es; b < expected_bytes; ++b)
    if (expected[b] != actual[b] && d.mismatches++ == 0) {
      d.first = d.elements;
      d.first_expected = std::to_string(expected[b]);
      d.first_actual = std::to_string(actual[b]);
    }
  return d;
}

}  // namespace tinyaot::conformance
