// tinyaot runtime: CONV_2D int8 for cores with the DSP extension (M4, M7, M33): SMLAD dot products over
// contiguous filter rows. Same signature and bit-exact results as conv2d_s8 (conv2d.h); chosen at emit time.
#pragma once

#include "tinyaot_rt/gemm_s8_dsp.h"

namespace tinyaot_rt {

/// int8 convolution, DSP-extension kernel (see conv2d_s8 for the arguments).
inline void conv2d_s8_dsp(const Conv2DParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
                          const int32_t* multiplier, const int32_t* shift, int8_t* output) {
  detail::conv2d_s8_isa<detail::DspIsa>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
