// tinyaot runtime: CONV_2D output pixels two at a time for the DSP kernels (Cortex-M4, M7, M33).
// One pixel at a time, every weight word is loaded and split (SXTB16, SXTB16 ROR #8) for two SMLADs; with
// two pixels the same split feeds four. The two input columns are split once into 16-bit pairs and
// interleaved word by word ({a even, a odd, b even, b odd}), so the inner loop over two filter rows is
// one LDM of the column words + 2 weight loads + 4 splits + 8 SMLADs + the loop test for 16
// multiply-accumulates (17 instructions, 1.06 per MAC, against 1.67 one pixel at a time). The split
// pairs take 4 bytes of stack per column byte, so long columns are split and summed in parts of
// kPairMaxK bytes. Integer sums are exact in any order, so results equal the reference bit for bit. The
// functions are not inlined: one copy serves every layer (flash), and the buffers live only in their frame.
#pragma once

#include <cstdint>

#include "tinyaot_rt/gemm_s8_dsp.h"
#include "tinyaot_rt/requant_dsp.h"

namespace tinyaot_rt {
namespace detail {

/// Longest column part split at once (bytes; a multiple of 4): longer columns are summed in parts.
constexpr int32_t kPairMaxK = 256;

/// Splits columns xa and xb (`words` words each) into interleaved 16-bit pairs: for word j,
/// sp[4j .. 4j+3] = {SXTB16(a_j), SXTB16(a_j ROR 8), SXTB16(b_j), SXTB16(b_j ROR 8)}.
inline void dsp_split_pair(const int8_t* xa, const int8_t* xb, int32_t words, int32_t* sp) {
  for (int32_t j = 0; j < words; ++j, sp += 4) {
    const int32_t a = dsp::load_s8x4(xa + 4 * j), b = dsp::load_s8x4(xb + 4 * j);
    sp[0] = dsp::sxtb16(a);
    sp[1] = dsp::sxtb16_ror8(a);
    sp[2] = dsp::sxtb16(b);
    sp[3] = dsp::sxtb16_ror8(b);
  }
}

// Unoptimized builds (-O0) cannot give an assembly block 13 registers: they take the C loop.
#if TINYAOT_RT_HAVE_DSP && defined(__OPTIMIZE__)
#define TINYAOT_RT_PAIR_ASM 1
#else
#define TINYAOT_RT_PAIR_ASM 0
#endif

#if TINYAOT_RT_PAIR_ASM
/// One step of dsp_dot_2x2: four column words (one LDM), a word of each filter row split by SXTB16 /
/// SXTB16 ROR 8, eight SMLADs.
#define TINYAOT_RT_PAIR_STEP                                \
  "ldmia %[x]!, {%[xae], %[xao], %[xbe], %[xbo]}\n\t"      \
  "ldr %[v], [%[w0]], #4\n\t"                              \
  "sxtb16 %[e], %[v]\n\t"                                  \
  "sxtb16 %[v], %[v], ror #8\n\t"                          \
  "smlad %[a0], %[e], %[xae], %[a0]\n\t"                   \
  "smlad %[b0], %[e], %[xbe], %[b0]\n\t"                   \
  "smlad %[a0], %[v], %[xao], %[a0]\n\t"                   \
  "smlad %[b0], %[v], %[xbo], %[b0]\n\t"                   \
  "ldr %[v], [%[w1]], #4\n\t"                              \
  "sxtb16 %[e], %[v]\n\t"                                  \
  "sxtb16 %[v], %[v], ror #8\n\t"                          \
  "smlad %[a1], %[e], %[xae], %[a1]\n\t"                   \
  "smlad %[b1], %[e], %[xbe], %[b1]\n\t"                   \
  "smlad %[a1], %[v], %[xao], %[a1]\n\t"                   \
  "smlad %[b1], %[v], %[xbo], %[b1]\n\t"
#define TINYAOT_RT_PAIR_OUTPUTS                                                                               \
  [x] "+r"(sp), [w0] "+r"(w0), [w1] "+r"(w1), [a0] "+r"(a0), [b0] "+r"(b0), [a1] "+r"(a1), [b1] "+r"(b1),  \
      [xae] "=&r"(xa_e), [xao] "=&r"(xa_o), [xbe] "=&r"(xb_e), [xbo] "=&r"(xb_o), [v] "=&r"(v), [e] "=&r"(e)
#endif

/// Adds the sums of filter rows w0 and w0 + k against both columns over the first 4 * words bytes to
/// acc[0] row 0 / pixel a, acc[1] row 0 / b, acc[2] row 1 / a, acc[3] row 1 / b. On DSP cores the loop
/// is written in assembly (gcc spilled or reloaded registers in C): 13 registers (4 column words, 4 sums,
/// 2 weight temporaries, 3 pointers) - the most a build with a frame pointer (-O0,
/// -fno-omit-frame-pointer) leaves - with the loop end read from memory once per two steps: 33
/// instructions per 32 MACs.
__attribute__((always_inline)) inline void dsp_dot_2x2(const int32_t* sp, int32_t words, const int8_t* w0, int32_t k,
                                                       int32_t* acc) {
  int32_t a0 = acc[0], b0 = acc[1], a1 = acc[2], b1 = acc[3];
  const int8_t* w1 = w0 + k;
  const int32_t* const end = sp + 4 * words;
#if TINYAOT_RT_PAIR_ASM
  // LDM fills registers in ascending order from ascending addresses: the four column words need fixed
  // registers in that order (r8-r11: not the frame pointer r7 of either instruction set).
  register int32_t xa_e __asm__("r8");
  register int32_t xa_o __asm__("r9");
  register int32_t xb_e __asm__("r10");
  register int32_t xb_o __asm__("r11");
  int32_t v, e;
  if (words & 1) __asm__ volatile(TINYAOT_RT_PAIR_STEP : TINYAOT_RT_PAIR_OUTPUTS : : "memory");
  if (words >= 2)
    __asm__ volatile("1:\n\t" TINYAOT_RT_PAIR_STEP TINYAOT_RT_PAIR_STEP
                     "ldr %[v], %[end]\n\t"
                     "cmp %[x], %[v]\n\t"
                     "bne 1b\n\t"
                     : TINYAOT_RT_PAIR_OUTPUTS
                     : [end] "m"(end)
                     : "cc", "memory");
#else
  for (; sp != end; sp += 4, w0 += 4, w1 += 4) {
    const int32_t v0 = dsp::load_s8x4(w0), v1 = dsp::load_s8x4(w1);
    const int32_t e0 = dsp::sxtb16(v0), o0 = dsp::sxtb16_ror8(v0);
    const int32_t e1 = dsp::sxtb16(v1), o1 = dsp::sxtb16_ror8(v1);
    a0 = dsp::smlad(o0, sp[1], dsp::smlad(e0, sp[0], a0));
    b0 = dsp::smlad(o0, sp[3], dsp::smlad(e0, sp[2], b0));
    a1 = dsp::smlad(o1, sp[1], dsp::smlad(e1, sp[0], a1));
    b1 = dsp::smlad(o1, sp[3], dsp::smlad(e1, sp[2], b1));
  }
#endif
  acc[0] = a0;
  acc[1] = b0;
  acc[2] = a1;
  acc[3] = b1;
}

/// dsp_dot_2x2 for one filter row: acc[0] pixel a, acc[1] pixel b.
__attribute__((always_inline)) inline void dsp_dot_1x2(const int32_t* sp, int32_t words, const int8_t* w0,
                                                       int32_t* acc) {
  int32_t a0 = acc[0], b0 = acc[1];
  const int32_t* const end = sp + 4 * words;
  for (; sp != end; sp += 4, w0 += 4) {
    const int32_t v0 = dsp::load_s8x4(w0);
    const int32_t e0 = dsp::sxtb16(v0), o0 = dsp::sxtb16_ror8(v0);
    a0 = dsp::smlad(o0, sp[1], dsp::smlad(e0, sp[0], a0));
    b0 = dsp::smlad(o0, sp[3], dsp::smlad(e0, sp[2], b0));
  }
  acc[0] = a0;
  acc[1] = b0;
}

/// Products of column bytes [0, kc) (split into `sp` for the first 4 * (kc / 4)) with n filter rows
/// (w, stride k) into acc_a / acc_b (kFirst: stored; otherwise added): two rows at a time, the last
/// kc % 4 bytes one by one. Inlined into gemv_pair_s8_dsp: as a call, its set-up per row pair cost
/// 2-5% more instructions in kws and vww.
template <bool kFirst>
__attribute__((always_inline)) inline void pair_rows_dsp(const int32_t* sp, const int8_t* xa, const int8_t* xb,
                                                         int32_t kc, const int8_t* w, int32_t k, int32_t n,
                                                         int32_t* acc_a, int32_t* acc_b) {
  const int32_t words = kc / 4, body = 4 * words;
  int32_t i = 0;
  for (; i + 2 <= n; i += 2, w += 2 * k) {
    int32_t s[4] = {0, 0, 0, 0};
    if constexpr (!kFirst) s[0] = acc_a[i], s[1] = acc_b[i], s[2] = acc_a[i + 1], s[3] = acc_b[i + 1];
    dsp_dot_2x2(sp, words, w, k, s);
    for (int32_t t = body; t < kc; ++t) {
      s[0] = add_wrap(s[0], xa[t] * w[t]);
      s[1] = add_wrap(s[1], xb[t] * w[t]);
      s[2] = add_wrap(s[2], xa[t] * w[k + t]);
      s[3] = add_wrap(s[3], xb[t] * w[k + t]);
    }
    acc_a[i] = s[0];
    acc_b[i] = s[1];
    acc_a[i + 1] = s[2];
    acc_b[i + 1] = s[3];
  }
  if (i < n) {
    int32_t s[2] = {0, 0};
    if constexpr (!kFirst) s[0] = acc_a[i], s[1] = acc_b[i];
    dsp_dot_1x2(sp, words, w, s);
    for (int32_t t = body; t < kc; ++t) {
      s[0] = add_wrap(s[0], xa[t] * w[t]);
      s[1] = add_wrap(s[1], xb[t] * w[t]);
    }
    acc_a[i] = s[0];
    acc_b[i] = s[1];
  }
}

/// requant_pair_dsp with the clamp chosen once: one SSAT for the whole int8 range. One copy for all
/// callers (flash); a call per 64 channels costs nothing measurable.
__attribute__((noinline)) inline void requant_pair_any(const int32_t* acc_a, const int32_t* acc_b, int32_t n,
                                                            const int32_t* bias, const int32_t* mult,
                                                            const int32_t* shift, int32_t out_zp, int32_t act_min,
                                                            int32_t act_max, int8_t* out_a, int8_t* out_b) {
  if (act_min == -128 && act_max == 127)
    requant_pair_dsp<true>(acc_a, acc_b, n, bias, mult, shift, out_zp, act_min, act_max, out_a, out_b);
  else
    requant_pair_dsp<false>(acc_a, acc_b, n, bias, mult, shift, out_zp, act_min, act_max, out_a, out_b);
}

/// gemv_pair_s8_dsp for columns longer than kPairMaxK: split and summed in parts of kPairMaxK bytes (a
/// multiple of 4, so only the last part has a byte tail). A function of its own: sharing the code with
/// the one-part case cost that case 1-2% more instructions (register allocation around the loop).
__attribute__((noinline)) inline void gemv_pair_parts_s8_dsp(const int8_t* xa, const int8_t* xb,
                                                             const int8_t* filter, int32_t k, int32_t out_c,
                                                             const int32_t* bias, const int32_t* mult,
                                                             const int32_t* shift, int32_t out_zp, int32_t act_min,
                                                             int32_t act_max, int8_t* out_a, int8_t* out_b) {
  int32_t sp[kPairMaxK];
  int32_t acc_a[kGemvChunk], acc_b[kGemvChunk];
  for (int32_t c0 = 0; c0 < out_c; c0 += kGemvChunk) {
    const int32_t n = out_c - c0 < kGemvChunk ? out_c - c0 : kGemvChunk;
    const int8_t* w = filter + static_cast<int64_t>(c0) * k;
    for (int32_t i = 0; i < n; ++i) acc_a[i] = acc_b[i] = 0;
    for (int32_t k0 = 0; k0 < k; k0 += kPairMaxK) {  // one instantiation of the rows (flash)
      const int32_t kc = k - k0 < kPairMaxK ? k - k0 : kPairMaxK;
      dsp_split_pair(xa + k0, xb + k0, kc / 4, sp);
      pair_rows_dsp<false>(sp, xa + k0, xb + k0, kc, w + k0, k, n, acc_a, acc_b);
    }
    requant_pair_any(acc_a, acc_b, n, bias ? bias + c0 : nullptr, mult + c0, shift + c0, out_zp, act_min, act_max,
                     out_a + c0, out_b + c0);
  }
}

/// Every output channel of two input columns xa, xb of k <= kPairMaxK bytes (two output pixels): out_a[c]
/// and out_b[c] as gemv_s8 computes them one column at a time.
__attribute__((noinline)) inline void gemv_pair_short_s8_dsp(const int8_t* xa, const int8_t* xb, const int8_t* filter,
                                                       int32_t k, int32_t out_c, const int32_t* bias,
                                                       const int32_t* mult, const int32_t* shift, int32_t out_zp,
                                                       int32_t act_min, int32_t act_max, int8_t* out_a,
                                                       int8_t* out_b) {
  int32_t sp[kPairMaxK];  // k / 4 words x 4 pairs
  dsp_split_pair(xa, xb, k / 4, sp);
  int32_t acc_a[kGemvChunk], acc_b[kGemvChunk];
  for (int32_t c0 = 0; c0 < out_c; c0 += kGemvChunk) {
    const int32_t n = out_c - c0 < kGemvChunk ? out_c - c0 : kGemvChunk;
    pair_rows_dsp<true>(sp, xa, xb, k, filter + static_cast<int64_t>(c0) * k, k, n, acc_a, acc_b);
    requant_pair_any(acc_a, acc_b, n, bias ? bias + c0 : nullptr, mult + c0, shift + c0, out_zp, act_min, act_max,
                     out_a + c0, out_b + c0);
  }
}

/// gemv_pair_short_s8_dsp or, for longer columns, gemv_pair_parts_s8_dsp (one of the two frames on the
/// stack at a time).
__attribute__((always_inline)) inline void gemv_pair_s8_dsp(const int8_t* xa, const int8_t* xb, const int8_t* filter,
                                                            int32_t k, int32_t out_c, const int32_t* bias,
                                                            const int32_t* mult, const int32_t* shift,
                                                            int32_t out_zp, int32_t act_min, int32_t act_max,
                                                            int8_t* out_a, int8_t* out_b) {
  if (k <= kPairMaxK)
    gemv_pair_short_s8_dsp(xa, xb, filter, k, out_c, bias, mult, shift, out_zp, act_min, act_max, out_a, out_b);
  else
    gemv_pair_parts_s8_dsp(xa, xb, filter, k, out_c, bias, mult, shift, out_zp, act_min, act_max, out_a, out_b);
}

}  // namespace detail
}  // namespace tinyaot_rt
