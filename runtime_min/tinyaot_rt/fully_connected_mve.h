// tinyaot runtime: FULLY_CONNECTED int8 for Helium cores (M55, M85): each batch row is the matrix-vector
// product of the pointwise CONV_2D path (gemv_s8_mve: rows of up to 64 bytes in registers, longer ones
// four output channels per input load, vector requantization), so models with both share one copy of
// that code (flash). Same signature and bit-exact results as fully_connected_s8 (fully_connected.h);
// chosen at emit time.
#pragma once

#include "tinyaot_rt/gemm_s8_mve.h"

namespace tinyaot_rt {

/// int8 fully connected, Helium kernel (see fully_connected_s8 for the arguments).
inline void fully_connected_s8_mve(const FullyConnectedParams& p, const int8_t* input, const int8_t* filter,
                                   const int32_t* bias, const int32_t* multiplier, const int32_t* shift,
                                   int8_t* output) {
#if TINYAOT_RT_HAVE_MVE
  for (int32_t b = 0; b < p.batches; ++b)
    detail::gemv_s8_mve(input + static_cast<int64_t>(b) * p.accum_depth, filter, p.accum_depth, p.output_depth,
                        bias, multiplier, shift, p.output_zero_point, p.act_min, p.act_max,
                        output + static_cast<int64_t>(b) * p.output_depth, mve::RequantForm::kGeneral);
#else
  detail::fully_connected_s8_isa<detail::MveIsa>(p, input, filter, bias, multiplier, shift, output);
#endif
}

}  // namespace tinyaot_rt
