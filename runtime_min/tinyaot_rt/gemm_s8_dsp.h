// tinyaot runtime: the DSP-extension policy for gemm_s8_isa.h (Cortex-M4, M7, M33).
// Four int8 values are loaded as one word and split into two pairs of int16 (SXTB16 and SXTB16 ROR #8:
// bytes 0/2 and 1/3); the same split of input and weights lines the pairs up, so two SMLADs do four
// multiply-accumulates with no reordering of the weights. The input word is split once and shared by
// kRows output channels.
#pragma once

#include <climits>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "tinyaot_rt/dsp_intrinsics.h"
#include "tinyaot_rt/gemm_s8_isa.h"
#include "tinyaot_rt/requant_dsp.h"
#include "tinyaot_rt/requant_fast.h"

namespace tinyaot_rt {
namespace detail {

struct DspIsa {
  // Three rows: 3 accumulators, 3 row pointers, the input pointer and 4 temporaries fit the 13 usable
  // registers; with four rows gcc spilled two row pointers and the loop got slower per MAC.
  static constexpr int kRows = 3;

  template <int N>
  static void dot(const int8_t* x, const int8_t* w, int32_t w_stride, int32_t len, int32_t* acc) {
    dot_rows(x, w, w_stride, len, acc, std::make_index_sequence<static_cast<std::size_t>(N)>{});
  }

  /// Longest input column split once into 16-bit pairs (2 bytes of stack per input byte).
  static constexpr int32_t kSplitMax = 640;

  /// An input column with its words split once (SXTB16, SXTB16 ROR 8) for all output channels, so each
  /// channel's loop loads the pairs instead of splitting them again. Longer columns are not split.
  struct Column {
    const int8_t* x;
    int32_t words;  // split words (0: use x directly)
    int32_t pairs[kSplitMax / 2];
    Column(const int8_t* p, int32_t len) : x(p), words(len <= kSplitMax ? len / 4 : 0) {
      // pairs is left uninitialized beyond `words` (up to 1.25 KiB of stack, written only as needed).
      for (int32_t j = 0; j < words; ++j) {
        const int32_t v = dsp::load_s8x4(p + 4 * j);
        pairs[2 * j] = dsp::sxtb16(v);
        pairs[2 * j + 1] = dsp::sxtb16_ror8(v);
      }
    }
  };

  template <int N>
  static void dot_col(const Column& c, const int8_t* w, int32_t w_stride, int32_t len, int32_t* acc) {
    if (c.words == 0) dot<N>(c.x, w, w_stride, len, acc);
    else dot_split(c, w, w_stride, len, acc, std::make_index_sequence<static_cast<std::size_t>(N)>{});
  }

  template <std::size_t... R>
  static void dot_split(const Column& c, const int8_t* w, int32_t w_stride, int32_t len, int32_t* acc,
                        std::index_sequence<R...>) {
    const int8_t* wr[] = {(w + static_cast<int64_t>(R) * w_stride)...};
    int32_t a[] = {acc[R]...};
    const int32_t* xs = c.pairs;
    const int32_t* const xs_end = c.pairs + 2 * c.words;
    for (; xs != xs_end; xs += 2) {
      ((a[R] = row_step(wr[R], xs[0], xs[1], a[R])), ...);
      ((wr[R] += 4), ...);
    }
    for (int32_t i = 4 * c.words; i < len; ++i)
      ((a[R] = add_wrap(a[R], static_cast<int32_t>(c.x[i]) * wr[R][i - 4 * c.words])), ...);
    ((acc[R] = a[R]), ...);
  }

  // The rows are a parameter pack so every per-row statement is expanded at compile time: the
  // accumulators and row pointers then live in registers.
  template <std::size_t... R>
  static void dot_rows(const int8_t* x, const int8_t* w, int32_t w_stride, int32_t len, int32_t* acc,
                       std::index_sequence<R...>) {
    const int8_t* wr[] = {(w + static_cast<int64_t>(R) * w_stride)...};
    int32_t a[] = {acc[R]...};
    int32_t i = 0;
    for (; i + 4 <= len; i += 4) {
      const int32_t xv = dsp::load_s8x4(x + i);
      const int32_t xe = dsp::sxtb16(xv), xo = dsp::sxtb16_ror8(xv);
      ((a[R] = row_step(wr[R] + i, xe, xo, a[R])), ...);
    }
    for (; i < len; ++i) ((a[R] = add_wrap(a[R], static_cast<int32_t>(x[i]) * wr[R][i])), ...);
    ((acc[R] = a[R]), ...);
  }

  // Four products of one weight row: bytes 0/2 and 1/3 of the weights against the same split of x.
  static int32_t row_step(const int8_t* w, int32_t xe, int32_t xo, int32_t acc) {
    const int32_t wv = dsp::load_s8x4(w);
    return dsp::smlad(dsp::sxtb16_ror8(wv), xo, dsp::smlad(dsp::sxtb16(wv), xe, acc));
  }

  static int32_t sum(const int8_t* w, int32_t len) {
    int32_t s = 0;
    for (int32_t i = 0; i < len; ++i) s += w[i];
    return s;
  }

  static void requant(const int32_t* acc, int32_t n, const int32_t* bias, const int32_t* mult,
                      const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max, int8_t* out) {
    const bool sat8 = act_min == -128 && act_max == 127;
    if (bias) {
      if (sat8) requant_impl<true, true>(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
      else requant_impl<true, false>(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
    } else {
      if (sat8) requant_impl<false, true>(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
      else requant_impl<false, false>(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
    }
  }

  /// requant with the bias test out of the loop, right shifts in one SMLAL (requant_dsp.h) and, for the
  /// whole int8 range (kSat8), the clamp as one SSAT.
  template <bool kBias, bool kSat8>
  static void requant_impl(const int32_t* acc, int32_t n, const int32_t* bias, const int32_t* mult,
                           const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max, int8_t* out) {
    const int32_t z = 1 + 2 * out_zp;
    for (int32_t i = 0; i < n; ++i) {
      const int32_t a = kBias ? add_wrap(acc[i], bias[i]) : acc[i];
      const int32_t s = shift[i];
      const int32_t v = requant_right_zp_ok(s) ? requant_right_zp(a, mult[i], s, z)
                                               : requantize_fast(a, mult[i], s, out_zp, INT32_MIN, INT32_MAX);
      if constexpr (kSat8) out[i] = static_cast<int8_t>(clamp_s8(v));
      else out[i] = static_cast<int8_t>(clamp_i32(v, act_min, act_max));
    }
  }
};

}  // namespace detail
}  // namespace tinyaot_rt
