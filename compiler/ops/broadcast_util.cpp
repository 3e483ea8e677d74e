// tinyaot: compile-time broadcasting (see broadcast_util.h).
#include "compiler/ops/broadcast_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace tinyaot {

namespace {

/// `s` with leading 1s up to rank n.
Shape extend(const Shape& s, std::size_t n) {
  Shape r(n - std::min(n, s.size()), 1);
  r.insert(r.end(), s.begin(), s.end());
  return r;
}

/// Row-major element strides of `in` (extended to out's rank), 0 where `in` is broadcast.
std::vector<int64_t> strides_of(const Shape& in, const Shape& out) {
  std::vector<int64_t> st(out.size(), 0);
  int64_t s = 1;
  for (std::size_t i = out.size(); i-- > 0;) {
    st[i] = (in[i] == 1 && out[i] != 1) ? 0 : s;
    s *= in[i];
  }
  return st;
}

}  // namespace

std::optional<Shape> broadcast_shape(const Shape& a, const Shape& b) {
  const std::size_t n = std::max(a.size(), b.size());
  const Shape ea = extend(a, n), eb = extend(b, n);
  Shape out(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (ea[i] != eb[i] && ea[i] != 1 && eb[i] != 1) return std::nullopt;
    out[i] = ea[i] == 1 ? eb[i] : ea[i];
  }
  return out;
}

std::optional<BroadcastWalk> broadcast_walk(const Shape& a, const Shape& b, const Shape& out) {
  const Shape ea = extend(a, out.size()), eb = extend(b, out.size());
  const std::vector<int64_t> sa = strides_of(ea, out), sb = strides_of(eb, out);
  // Keep the non-unit output dimensions; merge a dimension into the previous one when both inputs
  // step through it contiguously with respect to that previous one (or are broadcast along both).
  std::vector<int64_t> dims, st1, st2;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == 1) continue;
    if (!dims.empty() && st1.back() == sa[i] * out[i] && st2.back() == sb[i] * out[i]) {
      dims.back() *= out[i];
      st1.back() = sa[i];
      st2.back() = sb[i];
      continue;
    }
    dims.push_back(out[i]);
    st1.push_back(sa[i]);
    st2.push_back(sb[i]);
  }
  if (dims.size() > 6) return std::nullopt;
  BroadcastWalk w;
  const std::size_t lead = 6 - dims.size();
  for (std::size_t i = 0; i < 6; ++i) {
    const bool used = i >= lead;
    w.dims[i] = used ? static_cast<int32_t>(dims[i - lead]) : 1;
    w.strides1[i] = used ? static_cast<int32_t>(st1[i - lead]) : 0;
    w.strides2[i] = used ? static_cast<int32_t>(st2[i - lead]) : 0;
  }
  return w;
}

std::string broadcast_desc_init(const BroadcastWalk& w) {
  return fmt::format("{{/*dims=*/{{{}}}, /*strides1=*/{{{}}}, /*strides2=*/{{{}}}}}", fmt::join(w.dims, ", "),
                     fmt::join(w.strides1, ", "), fmt::join(w.strides2, ", "));
}

}  // namespace tinyaot
