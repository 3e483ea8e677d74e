// tinyaot: the row arithmetic of patch-based execution (used by the patch-stack pass and its emitter).
// A stack of window ops (CONV_2D / DEPTHWISE_CONV_2D, batch 1) is computed tile by tile: a tile is a band
// of output rows of the last op. Walking back through the stack gives, per stage, the band of its own
// output rows the next stage reads (the halo included, clipped to the real image), so every stage runs
// its ordinary kernel on a sub-window: input_h = rows held, output_h = rows wanted, pad_h = the part of
// the window above the band. Padding is thus only ever applied at the real image borders; rows inside
// the image but outside the band are never read (the band covers every row the window touches).
#pragma once

#include <cstdint>
#include <vector>

#include "passes/inplace_access.h"

namespace tinyaot {

/// Vertical geometry of one stage, plus what a row costs.
struct StageGeometry {
  int32_t in_h = 0, out_h = 0;
  int32_t filter_h = 1, stride_h = 1, dilation_h = 1, pad_h = 0;  ///< pad_h: top padding of the full op
  int64_t in_row_bytes = 0, out_row_bytes = 0;                    ///< bytes of one row (all columns)
  int64_t macs_per_row = 0;                                       ///< MACs of one output row
};

/// What one stage computes for one tile: output rows [out_row, out_row + out_rows) from its input rows
/// [in_row, in_row + in_rows), with `pad_h` for the sub-window (> 0 only at the top border).
struct StageRows {
  int32_t in_row = 0, in_rows = 0;
  int32_t out_row = 0, out_rows = 0;
  int32_t pad_h = 0;
};

/// The input rows output rows [o0, o1) of `s` read (clipped to the image) and the sub-window's pad.
StageRows stage_rows(const StageGeometry& s, int32_t o0, int32_t o1);

/// A stack cut into tiles of `tile_rows` output rows of its last stage (the last tile may be shorter).
struct PatchTiling {
  int32_t tile_rows = 0;
  std::vector<std::vector<StageRows>> tiles;  ///< [tile][stage]
  std::vector<int64_t> buffer_bytes;          ///< per stage: largest band of its output a tile holds
  int64_t macs = 0;                           ///< MACs of all tiles
  /// macs minus the MACs of running each stage once, whole: the recomputed halos (less any rows that no
  /// window of the next stage reads, e.g. behind a strided 1x1, which tiles never compute).
  int64_t extra_macs = 0;
};

/// Tiles the stack (stages in order, each reading the previous one's output); `tile_rows` >= 1.
PatchTiling tile_stack(const std::vector<StageGeometry>& stages, int32_t tile_rows);

/// The stack as one streaming kernel (inplace_access.h) reading the first stage's input: unit k = tile k
/// (tile_rows rows of the last stage's output), reading the input rows its first stage reads.
StreamAccess patch_access(const std::vector<StageGeometry>& stages, const PatchTiling& t);

/// Alignment of the tile buffers inside the stack's scratch (the pass and the emitter must agree).
inline constexpr int64_t kPatchBufferAlign = 16;

/// Bytes of the two ping-pong tile buffers (stages 0, 2, 4.. in the first; 1, 3.. in the second; the
/// last stage writes to the output or its ring), each rounded up to kPatchBufferAlign.
struct PingPong {
  int64_t first = 0, second = 0;
};
PingPong ping_pong_bytes(const PatchTiling& t);

}  // namespace tinyaot
