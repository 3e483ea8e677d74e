// tinyaot: access patterns of streaming kernels and the in-place offsets they allow (see inplace_access.h).
#include "passes/inplace_access.h"

#include <algorithm>

namespace tinyaot {

StreamAccess window_access(const WindowGeometry& w) {
  StreamAccess a;
  a.unit_bytes = int64_t{w.out_c} * w.elem_bytes;
  const int64_t row = int64_t{w.in_w} * w.in_c * w.elem_bytes, pixel = int64_t{w.in_c} * w.elem_bytes;
  const int32_t span_h = (w.filter_h - 1) * w.dilation_h, span_w = (w.filter_w - 1) * w.dilation_w;
  const auto n = static_cast<std::size_t>(int64_t{w.out_h} * w.out_w);
  a.read_lo.reserve(n);
  a.read_hi.reserve(n);
  for (int32_t oy = 0; oy < w.out_h; ++oy) {
    const int32_t y0 = oy * w.stride_h - w.pad_h;
    const int32_t r0 = std::max(y0, 0), r1 = std::min(y0 + span_h, w.in_h - 1);
    for (int32_t ox = 0; ox < w.out_w; ++ox) {
      const int32_t x0 = ox * w.stride_w - w.pad_w;
      const int32_t c0 = std::max(x0, 0), c1 = std::min(x0 + span_w, w.in_w - 1);
      if (r0 > r1 || c0 > c1) {  // the window lies entirely in the padding
        a.read_lo.push_back(kNoLimit);
        a.read_hi.push_back(-kNoLimit);
        continue;
      }
      // The bounding box of the window: from its first pixel to the end of its last one.
      a.read_lo.push_back(r0 * row + c0 * pixel);
      a.read_hi.push_back(r1 * row + (c1 + 1) * pixel);
    }
  }
  return a;
}

StreamAccess elementwise_access(int64_t elements, int64_t elem_bytes) {
  StreamAccess a;
  a.unit_bytes = elem_bytes;
  for (int64_t k = 0; k < elements; ++k) {
    a.read_lo.push_back(k * elem_bytes);
    a.read_hi.push_back((k + 1) * elem_bytes);
  }
  return a;
}

InplaceBounds inplace_bounds(const StreamAccess& a, int64_t ring, bool forward, bool backward) {
  InplaceBounds b;
  const int64_t n = a.units();
  if (ring < 1) ring = 1;
  if (forward) {
    // suffix[k] = lowest byte read by units k .. n-1.
    std::vector<int64_t> suffix(static_cast<std::size_t>(n) + 1, kNoLimit);
    for (int64_t k = n - 1; k >= 0; --k)
      suffix[static_cast<std::size_t>(k)] = std::min(suffix[static_cast<std::size_t>(k) + 1],
                                                     a.read_lo[static_cast<std::size_t>(k)]);
    b.fwd_max = kNoLimit;
    for (int64_t j = 0; j + ring < n; ++j)
      b.fwd_max = std::min(b.fwd_max, suffix[static_cast<std::size_t>(j + ring)] - (j + 1) * a.unit_bytes);
  }
  if (backward) {
    // prefix = highest byte read by units 0 .. j-ring, grown as j advances.
    b.rev_min = -kNoLimit;
    int64_t prefix = -kNoLimit;
    for (int64_t j = ring; j < n; ++j) {
      prefix = std::max(prefix, a.read_hi[static_cast<std::size_t>(j - ring)]);
      b.rev_min = std::max(b.rev_min, prefix - j * a.unit_bytes);
    }
  }
  return b;
}

int64_t zero_offset_ring(const StreamAccess& a, int64_t max_ring, bool forward, bool backward) {
  // Both limits move monotonically with the ring, so a binary search finds the smallest ring per walk.
  auto smallest = [&](bool fwd) -> int64_t {
    auto ok = [&](int64_t r) { return inplace_bounds(a, r, fwd, !fwd).allows(0); };
    if (!ok(max_ring)) return 0;
    int64_t lo = 1, hi = max_ring;
    while (lo < hi) {
      const int64_t mid = lo + (hi - lo) / 2;
      if (ok(mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const int64_t f = forward ? smallest(true) : 0;
  const int64_t r = backward ? smallest(false) : 0;
  if (f == 0) return r;
  if (r == 0) return f;
  return std::min(f, r);
}

}  // namespace tinyaot
