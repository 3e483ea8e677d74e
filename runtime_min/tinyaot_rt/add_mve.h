// tinyaot runtime: same-shape int8 ADD for Helium cores (M55, M85), bit-exact with add_element() (add.h).
// Each input's half of the reference, RDBP(SRDHM((x + offset) << 20, m), n), is tabulated once per call
// (add_dsp.h explains the table; 256 int32 per input on the stack, built four entries at a time), so per four elements: two VLDRB.U32
// (the int8 values as unsigned table indices), two gathers (VLDRW.U32 [table, index, UXTW #2]), VADD, then
// the output requantization: VSHR #31 and VQRDMLAH give SRDHM(S, mo) - [S < 0] (the reference's -1 for
// negative values before its rounding shift; q < 0 exactly when S < 0, and a q of 0 rounds to 0 either
// way), VRSHL the rounding right shift, VADD the zero point, VMAX/VMIN the clamp: 12 instructions per four
// elements (it was 11 per element). |S| < 2^29, so nothing saturates.
// Stores follow loads four elements at a time, in order, so an output that overlaps an input at the same
// or a lower address (as the in-place pass arranges) reads every input before it is overwritten.
// int16, forms add_detail::table_form_ok() rejects, short tensors and builds without MVE use add.h's loop.
#pragma once

#include <cstdint>

#include "tinyaot_rt/mve_requant.h"  // first: defines TINYAOT_RT_DISPATCH
#include "tinyaot_rt/add.h"
#include "tinyaot_rt/add_dsp.h"

namespace tinyaot_rt {

#if TINYAOT_RT_HAVE_MVE
namespace add_detail {

/// Output stage for four elements with table indices ia, ib.
TINYAOT_RT_DISPATCH int32x4_t add_mve_lanes(const int32_t* t1, const int32_t* t2, uint32x4_t ia, uint32x4_t ib,
                                            int32_t mult, int32_t neg_n, int32_t zp, int32x4_t lo, int32x4_t hi) {
  const int32x4_t s = vaddq_s32(vldrwq_gather_shifted_offset_s32(t1, ia), vldrwq_gather_shifted_offset_s32(t2, ib));
  const int32x4_t q = vqrdmlahq_n_s32(vshrq_n_s32(s, 31), s, mult);  // SRDHM(s, mult) - [s < 0]
  return vminq_s32(vmaxq_s32(vaddq_n_s32(vrshlq_n_s32(q, neg_n), zp), lo), hi);
}

/// build_table(t, offset, mult, shift, 0) four entries at a time: VQRDMULH is SRDHM for every input and
/// rounding_shift_right() (mve_requant.h) the reference's RDBP, also for a shift of 0 (about 600 instead
/// of 2300 instructions per table).
inline void build_table_mve(int32_t* t, int32_t offset, int32_t mult, int32_t shift) {
  const int32x4_t neg_n = vdupq_n_s32(shift);
  // Entries 0..127 are x = 0..127, entries 128..255 are x = -128..-1.
  for (int32_t half = 0; half < 2; ++half) {
    int32x4_t x = vaddq_n_s32(vreinterpretq_s32_u32(vidupq_n_u32(0u, 1)), offset - 128 * half);
    for (int32_t i = 0; i < 32; ++i, t += 4, x = vaddq_n_s32(x, 4))
      vstrwq_s32(t, mve::rounding_shift_right(vqrdmulhq_n_s32(vshlq_n_s32(x, 20), mult), neg_n));
  }
}

}  // namespace add_detail
#endif

#if TINYAOT_RT_HAVE_MVE
namespace add_detail {

/// The table kernel (int8, table_form_ok(p)); one copy shared by all call sites.
__attribute__((noinline)) inline void add_s8_mve(const AddParams& p, const int8_t* input1, const int8_t* input2,
                                                 int8_t* output, int32_t size) {
  int32_t t1[256], t2[256];
  build_table_mve(t1, p.input1_offset, p.input1_multiplier, p.input1_shift);
  build_table_mve(t2, p.input2_offset, p.input2_multiplier, p.input2_shift);
  // The table addresses in registers of their own: gcc otherwise copies SP (which a gather cannot take as
  // its base) into a register in every iteration.
  const int32_t* tab1 = t1;
  const int32_t* tab2 = t2;
  __asm__("" : "+r"(tab1), "+r"(tab2));
  // Locals, not p's fields: the int8 stores could alias p, which would reload them every time.
  const int32_t mult = p.output_multiplier, neg_n = p.output_shift, zp = p.output_offset;
  const int32x4_t lo = vdupq_n_s32(p.act_min), hi = vdupq_n_s32(p.act_max);
  const auto* a = reinterpret_cast<const uint8_t*>(input1);
  const auto* b = reinterpret_cast<const uint8_t*>(input2);
  for (int32_t n = size >> 2; n > 0; --n, a += 4, b += 4, output += 4)
    vstrbq_s32(output, add_mve_lanes(tab1, tab2, vldrbq_u32(a), vldrbq_u32(b), mult, neg_n, zp, lo, hi));
  if ((size & 3) != 0) {
    // Lanes past the end load nothing (index 0, a valid table entry) and are not stored.
    const mve_pred16_t pr = vctp32q(static_cast<uint32_t>(size & 3));
    vstrbq_p_s32(output, add_mve_lanes(tab1, tab2, vldrbq_z_u32(a, pr), vldrbq_z_u32(b, pr), mult, neg_n, zp, lo, hi),
                 pr);
  }
}

}  // namespace add_detail
#endif

/// add_elementwise (add.h), Helium kernel for int8. The dispatch is inlined into invoke() (constexpr
/// parameters fold it; the reference loop is linked only if some ADD needs it).
template <typename T>
TINYAOT_RT_DISPATCH void add_elementwise_mve(const AddParams& p, const T* input1, const T* input2, T* output,
                                             int32_t size) {
#if TINYAOT_RT_HAVE_MVE
  if constexpr (sizeof(T) == 1) {
    if (size >= 64 && add_detail::table_form_ok(p)) {
      add_detail::add_s8_mve(p, input1, input2, output, size);
      return;
    }
  }
#endif
  add_elementwise(p, input1, input2, output, size);
}

}  // namespace tinyaot_rt
