// tinyaot: pass fuse-pad. A PAD (or PADV2) of the two spatial dimensions of an NHWC tensor whose only
// readers are convolutions (CONV_2D, DEPTHWISE_CONV_2D, as their input) is folded into them: each
// convolution reads the unpadded tensor with its top/left padding grown by the PAD's (bottom/right follow
// from the unchanged output size). Valid when the pad value is the zero point and the PAD keeps the
// quantization: a padded tap then reads the zero point, which is exactly what the kernels use for taps
// outside the image (the folded bias makes them contribute 0, as TFLite Micro's skipped taps do).
// The padded copy disappears: no code, no buffer (mobilenet_v2 has 18 such PADs).
#pragma once

#include "passes/pass.h"

namespace tinyaot {

class FusePad : public Pass {
 public:
  std::string_view name() const override { return "fuse-pad"; }
  void run(Graph& g, const PassOptions& opts) override;
};

/// True when op `pad_step` (a PAD/PADV2) can be folded into all its readers; exposed for tests.
bool can_fuse_pad(const Graph& g, std::size_t pad_step);

}  // namespace tinyaot
