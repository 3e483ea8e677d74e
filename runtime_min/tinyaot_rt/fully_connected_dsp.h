// tinyaot runtime: FULLY_CONNECTED int8 for cores with the DSP extension (M4, M7, M33): SMLAD dot products.
// Same signature and bit-exact results as fully_connected_s8 (fully_connected.h); chosen at emit time.
#pragma once

#include "tinyaot_rt/gemm_s8_dsp.h"

namespace tinyaot_rt {

/// int8 fully connected, DSP-extension kernel (see fully_connected_s8 for the arguments).
inline void fully_connected_s8_dsp(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                                   const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                                   int8_t* output) {
  detail::fully_connected_s8_isa<detail::DspIsa>(p, input, filter, bias, multiplier, shift, output);
}

}  // namespace tinyaot_rt
