// tinyaot: the row arithmetic of patch-based execution (see patch_tiling.h).
#include "passes/patch_tiling.h"

#include <algorithm>

namespace tinyaot {

StageRows stage_rows(const StageGeometry& s, int32_t o0, int32_t o1) {
  // Rows the window of output rows [o0, o1) touches, padding rows included: [lo, hi).
  const int32_t lo = o0 * s.stride_h - s.pad_h;
  const int32_t hi = (o1 - 1) * s.stride_h - s.pad_h + (s.filter_h - 1) * s.dilation_h + 1;
  StageRows r;
  r.out_row = o0;
  r.out_rows = o1 - o0;
  r.in_row = std::clamp(lo, 0, s.in_h);
  r.in_rows = std::max(0, std::clamp(hi, 0, s.in_h) - r.in_row);
  // The sub-window starts `in_row - lo` rows below its first tap: that many padding rows, only when the
  // band was clipped at the top border (lo < 0); elsewhere the band starts exactly at the first tap.
  r.pad_h = r.in_row - lo;
  return r;
}

PatchTiling tile_stack(const std::vector<StageGeometry>& stages, int32_t tile_rows) {
  PatchTiling t;
  t.tile_rows = std::max(1, tile_rows);
  if (stages.empty()) return t;
  t.buffer_bytes.assign(stages.size(), 0);
  const int32_t out_h = stages.back().out_h;
  for (int32_t o0 = 0; o0 < out_h; o0 += t.tile_rows) {
    std::vector<StageRows> rows(stages.size());
    int32_t lo = o0, hi = std::min(out_h, o0 + t.tile_rows);
    for (std::size_t k = stages.size(); k-- > 0;) {
      rows[k] = stage_rows(stages[k], lo, hi);
      t.buffer_bytes[k] = std::max(t.buffer_bytes[k], rows[k].out_rows * stages[k].out_row_bytes);
      t.macs += rows[k].out_rows * stages[k].macs_per_row;
      // The previous stage must produce exactly the band this one reads.
      lo = rows[k].in_row;
      hi = rows[k].in_row + rows[k].in_rows;
    }
    t.tiles.push_back(std::move(rows));
  }
  int64_t once = 0;
  for (const StageGeometry& s : stages) once += s.out_h * s.macs_per_row;
  t.extra_macs = t.macs - once;
  return t;
}

StreamAccess patch_access(const std::vector<StageGeometry>& stages, const PatchTiling& t) {
  StreamAccess a;
  if (stages.empty()) return a;
  a.unit_bytes = t.tile_rows * stages.back().out_row_bytes;
  const int64_t row = stages.front().in_row_bytes;
  for (const std::vector<StageRows>& tile : t.tiles) {
    const StageRows& r = tile.front();
    a.read_lo.push_back(r.in_rows > 0 ? r.in_row * row : kNoLimit);
    a.read_hi.push_back(r.in_rows > 0 ? (r.in_row + r.in_rows) * row : -kNoLimit);
  }
  return a;
}

PingPong ping_pong_bytes(const PatchTiling& t) {
  PingPong p;
  const std::size_t n = t.buffer_bytes.size();
  for (std::size_t k = 0; k + 1 < n; ++k) {
    int64_t& side = k % 2 == 0 ? p.first : p.second;
    side = std::max(side, t.buffer_bytes[k]);
  }
  const int64_t a = kPatchBufferAlign;
  p.first = (p.first + a - 1) / a * a;
  p.second = (p.second + a - 1) / a * a;
  return p;
}

}  // namespace tinyaot
