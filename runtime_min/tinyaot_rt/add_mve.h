// tinyaot runtime: same-shape int8 ADD for Helium cores (M55, M85), bit-exact with add_element() (add.h).
// Four elements per int32 vector (VLDRB.S32 widens on load): offset, shift left (no overflow: |x| <= 255
// and the left shift is 20), VQRDMULH (= SaturatingRoundingDoublingHighMul for every input) and the
// rounding right shift of mve_requant.h, for both inputs and the sum; the last partial vector is
// tail-predicated. Stores follow loads element by element, so an output that overlaps an input at the same
// or a lower address (as the in-place pass arranges) reads every input before it is overwritten.
// int16, a positive input/output shift, and builds without MVE use the reference loop.
#pragma once

#include <cstdint>

#include "tinyaot_rt/add.h"
#include "tinyaot_rt/mve_requant.h"

namespace tinyaot_rt {

/// add_elementwise (add.h), Helium kernel for int8.
template <typename T>
inline void add_elementwise_mve(const AddParams& p, const T* input1, const T* input2, T* output, int32_t size) {
#if TINYAOT_RT_HAVE_MVE
  if constexpr (sizeof(T) == 1) {
    if (p.input1_shift <= 0 && p.input2_shift <= 0 && p.output_shift <= 0) {
      const int32x4_t off1 = vdupq_n_s32(p.input1_offset), off2 = vdupq_n_s32(p.input2_offset);
      const int32x4_t left = vdupq_n_s32(p.left_shift);
      const int32x4_t r1 = vdupq_n_s32(p.input1_shift), r2 = vdupq_n_s32(p.input2_shift);
      const int32x4_t ro = vdupq_n_s32(p.output_shift);
      const int32x4_t out_off = vdupq_n_s32(p.output_offset);
      const int32x4_t lo = vdupq_n_s32(p.act_min), hi = vdupq_n_s32(p.act_max);
      for (int32_t i = 0; i < size; i += 4) {
        const mve_pred16_t pr = vctp32q(static_cast<uint32_t>(size - i));
        const int32x4_t a = vshlq_s32(vaddq_s32(vldrbq_z_s32(input1 + i, pr), off1), left);
        const int32x4_t b = vshlq_s32(vaddq_s32(vldrbq_z_s32(input2 + i, pr), off2), left);
        const int32x4_t sa = mve::rounding_shift_right(vqrdmulhq_n_s32(a, p.input1_multiplier), r1);
        const int32x4_t sb = mve::rounding_shift_right(vqrdmulhq_n_s32(b, p.input2_multiplier), r2);
        int32x4_t o = mve::rounding_shift_right(vqrdmulhq_n_s32(vaddq_s32(sa, sb), p.output_multiplier), ro);
        o = vminq_s32(vmaxq_s32(vaddq_s32(o, out_off), lo), hi);
        vstrbq_p_s32(output + i, o, pr);
      }
      return;
    }
  }
#endif
  add_elementwise(p, input1, input2, output, size);
}

}  // namespace tinyaot_rt
