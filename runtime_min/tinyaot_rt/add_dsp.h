// tinyaot runtime: same-shape int8 ADD for cores with the DSP extension (M4, M7, M33), bit-exact with
// add_element() (add.h), plus the per-input tables the Helium kernel (add_mve.h) shares.
// Each input's half of the reference, RDBP(SRDHM((x + offset) << 20, m), n), depends on one int8 value
// only, so it is tabulated once per call (256 int32 per input, 2 KiB of stack for both; about 10
// instructions per entry with SMMLAR) and each element costs two table loads, an add and the output
// requantization:
// - SRDHM(v << 20, m) = floor((v*m + 2^10) / 2^11) = SMMLAR(v << 21, m, 0) (|v| <= 255, so no overflow);
// - RDBP(q, n) = (q + 2^(n-1) - [q < 0]) >> n, and [q < 0] = [v < 0] for a multiplier >= 0 (a q of 0
//   rounds to 0 either way), so the rounding constant rides in SMMLAR's accumulator;
// - the output stage likewise: SMMLAR(2S, mo, 2^(n-1) + zp * 2^n + (S >> 31)) >> n is
//   RDBP(SRDHM(S, mo), n) + zp (S = sum of the two halves, |S| < 2^29; the table stores 2x each half),
//   then one SSAT; 10.5 instructions per element (an inline-assembly loop of four) instead of 61.
// Elements are read and written in order, each element's inputs before its output, so an output that
// overlaps an input at the same or a lower address (the in-place pass) is safe. int16, a left shift
// other than 20, negative multipliers, output shifts outside [1, 23] (where the folded zero point could
// overflow) and tensors of under 128 elements use the reference loop (the dispatch is inlined and folds).
#pragma once

#include <cstdint>

#include "tinyaot_rt/dispatch.h"
#include "tinyaot_rt/add.h"
#include "tinyaot_rt/dsp_intrinsics.h"
#include "tinyaot_rt/requant_fast.h"

namespace tinyaot_rt {
namespace add_detail {

/// (acc * 2^32 + a * b + 2^31) >> 32: SMMLAR where the DSP extension exists, the same bits elsewhere.
inline int32_t smmlar(int32_t a, int32_t b, int32_t acc) {
#if TINYAOT_RT_HAVE_DSP
  int32_t r;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
  return r;
#else
  const int64_t v = static_cast<int64_t>(acc) * (int64_t{1} << 32) + static_cast<int64_t>(a) * b +
                    (int64_t{1} << 31);
  return static_cast<int32_t>(v >> 32);
#endif
}

/// Whether the table kernels reproduce add_element() for these (int8) parameters.
inline bool table_form_ok(const AddParams& p) {
  return p.left_shift == 20 && p.input1_multiplier >= 0 && p.input2_multiplier >= 0 &&
         p.output_multiplier >= 0 && p.input1_shift <= 0 && p.input1_shift >= -31 && p.input2_shift <= 0 &&
         p.input2_shift >= -31 && p.output_shift <= -1 && p.output_shift >= -23;
}

/// t[u] = RDBP(SRDHM((int8(u) + offset) << 20, mult), -shift) << scale_log2, for u = 0..255: entries
/// 0..127 are x = 0..127, 128..255 are x = -128..-1; v << 21 steps by 2^21 (about 9 instructions per entry).
inline void build_table(int32_t* t, int32_t offset, int32_t mult, int32_t shift, int32_t scale_log2) {
  const int32_t n = -shift;
  const int32_t round = n > 0 ? int32_t{1} << (n - 1) : 0;
  const uint32_t neg_bit = n > 0 ? 1u : 0u;  // RDBP's -1 for negative values exists only for n > 0
  for (int32_t x0 = 0; x0 >= -128; x0 -= 128) {
    auto v21 = static_cast<uint32_t>(x0 + offset) << 21;
    for (int32_t i = 0; i < 128; ++i, ++t, v21 += uint32_t{1} << 21) {
      const auto a = static_cast<int32_t>(v21);
      const int32_t half = smmlar(a, mult, round - static_cast<int32_t>((v21 >> 31) & neg_bit)) >> n;
      *t = static_cast<int32_t>(static_cast<uint32_t>(half) << scale_log2);
    }
  }
}

/// The output stage over `size` elements, each read before it is written, in order; the tables hold twice
/// each input's half.
template <bool kClamp>
inline void add_table_loop(const int32_t* t1, const int32_t* t2, const int8_t* a, const int8_t* b, int8_t* out,
                           int32_t size, int32_t mult, int32_t base, int32_t n, int32_t lo, int32_t hi) {
  const auto* ua = reinterpret_cast<const uint8_t*>(a);
  const auto* ub = reinterpret_cast<const uint8_t*>(b);
#if TINYAOT_RT_HAVE_DSP && defined(__GNUC__)
  if constexpr (!kClamp) {
    // Four elements per iteration in 42 instructions (gcc's schedule of the C++ below needs 46 and
    // rematerializes table addresses): post-incremented byte loads, the two table loads, the add, the
    // accumulate with the rounding constant and sign, SMMLAR, ASR, SSAT, a post-incremented store.
    const uint8_t* end4 = ua + (size & ~int32_t{3});
    if (ua != end4) {
      int32_t x, y;
#define TINYAOT_RT_ADD_STEP                 \
  "ldrb %[x], [%[ua]], #1\n\t"             \
  "ldrb %[y], [%[ub]], #1\n\t"             \
  "ldr %[x], [%[t1], %[x], lsl #2]\n\t"     \
  "ldr %[y], [%[t2], %[y], lsl #2]\n\t"     \
  "add %[x], %[x], %[y]\n\t"               \
  "add %[y], %[base], %[x], asr #31\n\t"   \
  "smmlar %[x], %[x], %[mult], %[y]\n\t"   \
  "asr %[x], %[x], %[n]\n\t"               \
  "ssat %[x], #8, %[x]\n\t"                \
  "strb %[x], [%[out]], #1\n\t"
      __asm__ volatile("1:\n\t" TINYAOT_RT_ADD_STEP TINYAOT_RT_ADD_STEP TINYAOT_RT_ADD_STEP TINYAOT_RT_ADD_STEP
                       "cmp %[ua], %[end]\n\t"
                       "bne 1b\n\t"
                       : [x] "=&r"(x), [y] "=&r"(y), [ua] "+r"(ua), [ub] "+r"(ub), [out] "+r"(out)
                       : [t1] "r"(t1), [t2] "r"(t2), [base] "r"(base), [mult] "r"(mult), [n] "r"(n),
                         [end] "r"(end4)
                       : "cc", "memory");
#undef TINYAOT_RT_ADD_STEP
    }
    size &= 3;
  }
#endif
  for (const uint8_t* end = ua + size; ua != end; ++ua, ++ub, ++out) {
    const int32_t s = t1[*ua] + t2[*ub];
    // base - [s < 0] (an unsigned shift: cppcheck flags the signed one as implementation-defined).
    int32_t r = clamp_s8(smmlar(s, mult, base - static_cast<int32_t>(static_cast<uint32_t>(s) >> 31)) >> n);
    if constexpr (kClamp) r = clamp_i32(r, lo, hi);
    *out = static_cast<int8_t>(r);
  }
}

}  // namespace add_detail

namespace add_detail {

/// The table kernel (int8, table_form_ok(p)); one copy shared by all call sites. kClamp: the activation
/// range is narrower than int8 (only then is the clamping loop linked).
template <bool kClamp>
__attribute__((noinline)) void add_s8_dsp(const AddParams& p, const int8_t* input1, const int8_t* input2,
                                                 int8_t* output, int32_t size) {
  int32_t t1[256], t2[256];
  build_table(t1, p.input1_offset, p.input1_multiplier, p.input1_shift, 1);
  build_table(t2, p.input2_offset, p.input2_multiplier, p.input2_shift, 1);
  const int32_t n = -p.output_shift;
  const int32_t base = (int32_t{1} << (n - 1)) + p.output_offset * (int32_t{1} << n);
  add_table_loop<kClamp>(t1, t2, input1, input2, output, size, p.output_multiplier, base, n, p.act_min, p.act_max);
}

}  // namespace add_detail

/// add_elementwise (add.h), DSP kernel for int8. The dispatch is inlined into invoke(), where the
/// parameters are constexpr: the test folds and the reference loop is linked only if some ADD needs it.
template <typename T>
TINYAOT_RT_DISPATCH void add_elementwise_dsp(const AddParams& p, const T* input1, const T* input2, T* output,
                                             int32_t size) {
  if constexpr (sizeof(T) == 1) {
    // Below a hundred-odd elements building the tables costs more than it saves.
    if (size >= 128 && add_detail::table_form_ok(p)) {
      if (p.act_min <= -128 && p.act_max >= 127) add_detail::add_s8_dsp<false>(p, input1, input2, output, size);
      else add_detail::add_s8_dsp<true>(p, input1, input2, output, size);
      return;
    }
  }
  add_elementwise(p, input1, input2, output, size);
}

}  // namespace tinyaot_rt
