// tinyaot golden: output comparison (see compare.h).
#include "compiler/golden/compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tinyaot::golden {

namespace {

/// Element `i` of a tensor of dtype `t` at `p`, as a double (exact for every integer type but int64
/// beyond 2^53, which no quantized model produces).
double element(const uint8_t* p, DType t, std::size_t i) {
  auto load = [p, i](auto v) {
    std::memcpy(&v, p + i * sizeof v, sizeof v);
    return static_cast<double>(v);
  };
  switch (t) {
    case DType::kInt8: return load(int8_t{});
    case DType::kUInt8: return load(uint8_t{});
    case DType::kInt16: return load(int16_t{});
    case DType::kInt32: return load(int32_t{});
    case DType::kInt64: return load(int64_t{});
    case DType::kFloat32: return load(float{});
    case DType::kBool: return load(uint8_t{}) != 0 ? 1.0 : 0.0;
    default: return 0;
  }
}

std::string value_text(double v, DType t) {
  return t == DType::kFloat32 ? fmt::format("{:.9g}", v) : fmt::format("{:.0f}", v);
}

std::string shape_text(const TensorSpec& s) {
  return fmt::format("{}[{}]", dtype_name(s.type), fmt::join(s.shape, ","));
}

}  // namespace

std::string index_text(const Shape& shape, std::size_t flat) {
  if (shape.empty()) return fmt::format("[{}]", flat);
  std::vector<std::size_t> idx(shape.size(), 0);
  for (std::size_t d = shape.size(); d-- > 0;) {
    const auto n = static_cast<std::size_t>(std::max(1, shape[d]));
    idx[d] = flat % n;
    flat /= n;
  }
  return fmt::format("[{}]", fmt::join(idx, ","));
}

std::vector<OutputDiff> compare_records(const Records& got, const Records& expected,
                                        const std::vector<TensorSpec>& outputs, double tolerance) {
  std::vector<OutputDiff> diffs;
  std::size_t offset = 0;  // of the output inside a record
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    OutputDiff d;
    d.output = o;
    d.spec = outputs[o];
    d.records = std::min(got.count, expected.count);
    const std::size_t n = d.spec.elements();
    for (std::size_t k = 0; k < d.records; ++k) {
      const uint8_t* g = got.data.data() + k * got.record_bytes + offset;
      const uint8_t* e = expected.data.data() + k * expected.record_bytes + offset;
      for (std::size_t i = 0; i < n; ++i) {
        const double gv = element(g, d.spec.type, i), ev = element(e, d.spec.type, i);
        ++d.elements;
        if (std::isnan(gv) && std::isnan(ev)) continue;
        const double diff = std::isnan(gv) || std::isnan(ev) ? INFINITY : std::fabs(gv - ev);
        d.max_diff = std::max(d.max_diff, diff);
        if (!(diff > tolerance)) continue;
        if (d.mismatches++ == 0) {
          d.first_record = k;
          d.first_element = i;
          d.first_expected = value_text(ev, d.spec.type);
          d.first_got = value_text(gv, d.spec.type);
        }
      }
    }
    offset += d.spec.bytes;
    diffs.push_back(std::move(d));
  }
  return diffs;
}

std::string format_diff(const OutputDiff& d, double tolerance) {
  std::string s = fmt::format("output {} '{}' {}: {} of {} elements differ ({} record{}", d.output, d.spec.name,
                              shape_text(d.spec), d.mismatches, d.elements, d.records, d.records == 1 ? "" : "s");
  if (tolerance > 0) s += fmt::format(", tolerance {}", tolerance);
  s += fmt::format("), largest difference {}", value_text(d.max_diff, d.spec.type == DType::kFloat32 ? DType::kFloat32 : DType::kInt64));
  if (!d.ok())
    s += fmt::format(", first at record {}, element {} (flat {}): expected {}, got {}", d.first_record + 1,
                     index_text(d.spec.shape, d.first_element), d.first_element, d.first_expected, d.first_got);
  return s;
}

}  // namespace tinyaot::golden
