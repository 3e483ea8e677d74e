// tinyaot runtime: the Helium (MVE) policy for gemm_s8_isa.h (Cortex-M55, M85).
// Sixteen int8 products per VMLADAVA (multiply, add across the vector, accumulate into a scalar); the
// input vector is loaded once for kRows output channels; the last partial vector is tail-predicated
// (VCTP8: masked lanes neither load nor add). Four channels are requantized together (mve_requant.h).
// Without MVE (host unit tests) the same policy computes with plain loops.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "tinyaot_rt/gemm_s8_isa.h"
#include "tinyaot_rt/mve_requant.h"

namespace tinyaot_rt {
namespace detail {

struct MveIsa {
  static constexpr int kRows = 4;

  template <int N>
  static void dot(const int8_t* x, const int8_t* w, int32_t w_stride, int32_t len, int32_t* acc) {
    dot_rows(x, w, w_stride, len, acc, std::make_index_sequence<static_cast<std::size_t>(N)>{});
  }

  /// An input column needs no preparation: VLDRB reads it directly.
  struct Column {
    const int8_t* x;
    Column(const int8_t* p, int32_t) : x(p) {}
  };

  template <int N>
  static void dot_col(const Column& c, const int8_t* w, int32_t w_stride, int32_t len, int32_t* acc) {
    dot<N>(c.x, w, w_stride, len, acc);
  }

  // The rows are a parameter pack so every per-row statement is expanded at compile time: the
  // accumulators and row pointers then live in registers (a loop over an array kept them in memory).
  template <std::size_t... R>
  static void dot_rows(const int8_t* x, const int8_t* w, int32_t w_stride, int32_t len, int32_t* acc,
                       std::index_sequence<R...>) {
    const int8_t* wr[] = {(w + static_cast<int64_t>(R) * w_stride)...};
    int32_t a[] = {acc[R]...};
#if TINYAOT_RT_HAVE_MVE
    int32_t i = 0;
    for (; i + 16 <= len; i += 16) {
      const int8x16_t xv = vldrbq_s8(x + i);
      ((a[R] = vmladavaq_s8(a[R], xv, vldrbq_s8(wr[R] + i))), ...);
    }
    if (i < len) {
      const mve_pred16_t p = vctp8q(static_cast<uint32_t>(len - i));
      const int8x16_t xv = vldrbq_z_s8(x + i, p);
      ((a[R] = vmladavaq_s8(a[R], xv, vldrbq_z_s8(wr[R] + i, p))), ...);
    }
#else
    for (int32_t i = 0; i < len; ++i) ((a[R] = add_wrap(a[R], static_cast<int32_t>(x[i]) * wr[R][i])), ...);
#endif
    ((acc[R] = a[R]), ...);
  }

  static int32_t sum(const int8_t* w, int32_t len) {
    int32_t s = 0;
#if TINYAOT_RT_HAVE_MVE
    for (int32_t i = 0; i < len; i += 16) {
      const mve_pred16_t p = vctp8q(static_cast<uint32_t>(len - i));
      s = vaddvaq_p_s8(s, vldrbq_z_s8(w + i, p), p);
    }
#else
    for (int32_t i = 0; i < len; ++i) s += w[i];
#endif
    return s;
  }

  static void requant(const int32_t* acc, int32_t n, const int32_t* bias, const int32_t* mult,
                      const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max, int8_t* out) {
#if TINYAOT_RT_HAVE_MVE
    mve::requant_store_n(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
#else
    requant_s8_scalar(acc, n, bias, mult, shift, out_zp, act_min, act_max, out);
#endif
  }
};

}  // namespace detail
}  // namespace tinyaot_rt
