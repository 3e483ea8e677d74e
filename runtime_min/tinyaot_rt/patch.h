// tinyaot runtime: patch-based execution of a stack of convolutions. The stack's output is produced tile
// by tile (a band of output rows); per tile every stage runs its ordinary kernel on a sub-window of rows
// (patch_window), reading the band the previous stage just wrote into a small tile buffer, so halos are
// recomputed and the large intermediate activations never exist whole. Per output pixel the arithmetic is
// exactly that of the whole-tensor kernels, so results stay bit-exact with TFLite Micro. The row bands
// are compile-time tables (passes/patch_tiling.h). When the compiler let the stack's output overlap its
// input, finished tiles wait in a ring of `ring` tiles and are copied out only when their slot is reused,
// after every later tile that still reads those input bytes has been computed.
#pragma once

#include <cstdint>

namespace tinyaot_rt {

/// What one stage computes for one tile: output rows [out_row, out_row + out_rows) from input rows
/// [in_row, in_row + in_rows) held at the start of its input buffer; pad_h: the sub-window's top padding.
struct PatchRows {
  int32_t in_row, in_rows;
  int32_t out_row, out_rows;
  int32_t pad_h;
};

/// `p` (Conv2DParams, DepthwiseConv2DParams) restricted to the rows of one tile.
template <typename Params>
inline Params patch_window(const Params& p, const PatchRows& r) {
  Params q = p;
  q.input_h = r.in_rows;
  q.output_h = r.out_rows;
  q.pad_h = r.pad_h;
  return q;
}

/// How the tiles are walked.
struct PatchWalk {
  int32_t tiles;      ///< number of tiles
  int32_t stages;     ///< PatchRows per tile in the table
  int32_t row_elems;  ///< elements of one output row of the stack
  int32_t tile_elems; ///< elements of one ring slot (the tallest tile)
  int32_t reverse;    ///< 1: last tile first
  int32_t ring;       ///< tiles staged before copy-out; 0: tiles are written straight to the output
};

/// Calls `compute(rows_of_tile, out)` for every tile; `out` is where the tile's last stage writes (its
/// place in `output`, or a ring slot copied there later).
template <typename T, typename Compute>
inline void patch_tiles(const PatchWalk& w, const PatchRows* table, T* output, T* ring_buf, Compute compute) {
  auto last_stage = [&](int32_t tile) -> const PatchRows& { return table[tile * w.stages + w.stages - 1]; };
  if (w.ring < 1) {
    for (int32_t t = 0; t < w.tiles; ++t) compute(table + t * w.stages, output + last_stage(t).out_row * w.row_elems);
    return;
  }
  for (int32_t step = 0; step < w.tiles + w.ring; ++step) {
    // The tile leaving the ring (computed `ring` steps ago), then the tile entering it.
    const int32_t leaving = step - w.ring;
    if (leaving >= 0) {
      const int32_t t = w.reverse ? w.tiles - 1 - leaving : leaving;
      const PatchRows& r = last_stage(t);
      const T* from = ring_buf + (leaving % w.ring) * w.tile_elems;
      T* to = output + r.out_row * w.row_elems;
      for (int32_t i = 0; i < r.out_rows * w.row_elems; ++i) to[i] = from[i];
    }
    if (step < w.tiles) {
      const int32_t t = w.reverse ? w.tiles - 1 - step : step;
      compute(table + t * w.stages, ring_buf + (step % w.ring) * w.tile_elems);
    }
  }
}

}  // namespace tinyaot_rt
