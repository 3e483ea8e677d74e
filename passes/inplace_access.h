// tinyaot: when may an op's output overlap its input? The access pattern of a streaming kernel, and the
// offsets between output and input it tolerates.
// A streaming kernel produces its output in units (an output pixel with all its channels, or one element)
// in a fixed order; unit k reads input bytes [read_lo[k], read_hi[k]) and writes output bytes
// [k * unit_bytes, (k + 1) * unit_bytes). Units are staged in a ring of `ring` units and copied out when
// their slot is reused (runtime_min/tinyaot_rt/conv_inplace.h). With delta = output start - input start:
//  - forward (first unit to last), unit j is written once units 0 .. j+ring-1 are computed, so it must
//    end below every byte units >= j+ring still read:  delta <= min_j (min_{k >= j+ring} read_lo[k] - (j+1)*unit)
//  - backward (last to first), unit j is written once units j-ring+1 .. last are computed, so it must
//    start above every byte units <= j-ring still read: delta >= max_j (max_{k <= j-ring} read_hi[k] - j*unit)
// Any delta where the two buffers do not overlap at all is fine too. A larger ring costs scratch and
// widens what is allowed; a ring that makes delta = 0 legal gives true in-place execution.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace tinyaot {

/// "No bound": a forward limit of kNoLimit allows every delta, a backward limit of -kNoLimit too.
inline constexpr int64_t kNoLimit = std::numeric_limits<int64_t>::max() / 4;

/// How a streaming kernel touches its input, unit by unit (all offsets relative to the input's start).
struct StreamAccess {
  int64_t unit_bytes = 0;        ///< output bytes per unit
  std::vector<int64_t> read_lo;  ///< per unit: lowest input byte read (kNoLimit when nothing is read)
  std::vector<int64_t> read_hi;  ///< per unit: one past the highest input byte read (-kNoLimit: none)
  int64_t units() const { return static_cast<int64_t>(read_lo.size()); }
};

/// What the planner may do with one output/input pair: the offset delta = output start - input start is
/// allowed when delta <= fwd_max (the kernel then walks forward) or delta >= rev_min (it walks backward).
struct InplaceBounds {
  int64_t fwd_max = -kNoLimit;  ///< -kNoLimit: the forward walk is not available
  int64_t rev_min = kNoLimit;   ///< kNoLimit: the backward walk is not available
  bool allows(int64_t delta) const { return delta <= fwd_max || delta >= rev_min; }
};

/// Geometry of a convolution-like window (NHWC, batch 1), enough to know what each output pixel reads.
struct WindowGeometry {
  int32_t in_h = 0, in_w = 0, in_c = 0;
  int32_t out_h = 0, out_w = 0, out_c = 0;
  int32_t filter_h = 1, filter_w = 1;
  int32_t stride_h = 1, stride_w = 1;
  int32_t dilation_h = 1, dilation_w = 1;
  int32_t pad_h = 0, pad_w = 0;  ///< top / left
  int32_t elem_bytes = 1;
};

/// Units = output pixels in raster order; a pixel reads the bounding box of its window (clipped to the
/// image) across all input channels.
StreamAccess window_access(const WindowGeometry& w);

/// Units = elements; element k reads element k of an input of the same element size.
StreamAccess elementwise_access(int64_t elements, int64_t elem_bytes);

/// The bounds for a kernel that stages `ring` (>= 1) units; `forward` / `backward` say which walks the
/// kernel offers.
InplaceBounds inplace_bounds(const StreamAccess& a, int64_t ring, bool forward, bool backward);

/// Smallest ring in [1, max_ring] for which delta = 0 is allowed by one of the offered walks, or 0.
int64_t zero_offset_ring(const StreamAccess& a, int64_t max_ring, bool forward, bool backward);

}  // namespace tinyaot
