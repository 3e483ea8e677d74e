// tinyaot runtime: the Helium (MVE) policy for gemm_s8_isa.h (Cortex-M55, M85).
// Sixteen int8 products per VMLADAVA (multiply, add across the vector, accumulate into a scalar); the
// input vector is loaded once for kRows output channels; the last partial vector is tail-predicated
// (VCTP8: masked lanes neither load nor add). Four channels are requantized together (mve_requant.h).
// Without MVE (host unit tests) the same policy computes with plain loops.
// With MVE, gemv_s8 (CONV_2D columns) is specialized: columns of up to 64 bytes (pointwise layers of up to
// 64 channels, small im2col windows) stay in registers and each channel is a straight run of VMLADAVAs,
// the sums of up to 64 channels then requantized in one loop; longer columns take four channels per
// input load with the requantization in registers. Pointwise layers can pass the requantization form
// of the whole layer (gemv_s8_mve).
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

#if TINYAOT_RT_HAVE_MVE
/// gemv_s8 for Helium, the column in registers (k <= 64: kV = ceil(k / 16) vectors, the last one
/// zero-padded and its filter loads predicated when kTail): each channel's dot product is kV VMLADAVAs
/// over its filter row, with no loop and no input reload. The sums of up to 64 channels are then
/// requantized in one loop (mve_requant.h), so the requantization constants are not live during the
/// dot products (with them, the column no longer fit in the eight vector registers and gcc spilled).
template <int kV, bool kTail, std::size_t... V>
TINYAOT_RT_MVE_NO_SCHED inline void gemv_mve_xreg(const int8_t* x, const int8_t* filter, int32_t k, int32_t out_c,
                                                  const int32_t* bias, const int32_t* mult, const int32_t* shift,
                                                  int32_t out_zp, int32_t act_min, int32_t act_max, int8_t* out,
                                                  mve::RequantForm form, std::index_sequence<V...>) {
  constexpr std::size_t kLast = static_cast<std::size_t>(kV - 1);
  const mve_pred16_t p = vctp8q(static_cast<uint32_t>(k - 16 * (kV - 1)));
  const int8x16_t xv[sizeof...(V)] = {(kTail && V == kLast ? vldrbq_z_s8(x + 16 * V, p) : vldrbq_s8(x + 16 * V))...};
  // One row's dot product (filter loads past the row's end are masked off); the first vector starts the
  // sum (VMLADAV), so no zeroed accumulator is needed.
  auto load = [&](const int8_t* w, std::size_t v) {
    return kTail && v == kLast ? vldrbq_z_s8(w + 16 * v, p) : vldrbq_s8(w + 16 * v);
  };
  auto row = [&](const int8_t* w) {
    int32_t a = vmladavq_s8(xv[0], load(w, 0));
    ((V > 0 ? (a = vmladavaq_s8(a, xv[V], load(w, V))) : 0), ...);
    return a;
  };
  int32_t acc[kGemvChunk];
  const int8_t* w = filter;
  for (int32_t c0 = 0; c0 < out_c; c0 += kGemvChunk) {
    const int32_t n = out_c - c0 < kGemvChunk ? out_c - c0 : kGemvChunk;
    for (int32_t i = 0; i < n; ++i, w += k) acc[i] = row(w);
    mve::requant_store_n(acc, n, bias ? bias + c0 : nullptr, mult + c0, shift + c0, out_zp, act_min, act_max,
                         out + c0, form);
  }
}

/// Four channels' dot products over x[0..k) with filter rows w, w + k, w + 2k, w + 3k: one input load per
/// 16 bytes for four VMLADAVAs, the sums returned as one vector.
__attribute__((always_inline)) inline int32x4_t mve_dot4(const int8_t* x, const int8_t* w, int32_t k) {
  int32_t a[4] = {0, 0, 0, 0};
  MveIsa::dot<4>(x, w, k, k, a);
  int32x4_t v = vdupq_n_s32(a[0]);
  v = vsetq_lane_s32(a[1], v, 1);
  v = vsetq_lane_s32(a[2], v, 2);
  return vsetq_lane_s32(a[3], v, 3);
}

/// gemv_s8 for Helium with longer columns: four channels per input load, their sums requantized right
/// away in registers (measured better than an accumulator array here, where the dot products are long
/// and the requantization constants do not crowd them).
inline void gemv_mve_long(const int8_t* x, const int8_t* filter, int32_t k, int32_t out_c, const int32_t* bias,
                          const int32_t* mult, const int32_t* shift, int32_t out_zp, int32_t act_min,
                          int32_t act_max, int8_t* out) {
  const int32x4_t zero = vdupq_n_s32(0), zp = vdupq_n_s32(out_zp);
  const int32x4_t lo = vdupq_n_s32(act_min), hi = vdupq_n_s32(act_max);
  int32_t c = 0;
  const int8_t* w = filter;
  for (; c + 4 <= out_c; c += 4, w += 4 * k) {
    int32x4_t a = mve_dot4(x, w, k);
    if (bias) a = vaddq_s32(a, vldrwq_s32(bias + c));
    const int32x4_t sh = vldrwq_s32(shift + c);
    int32x4_t r = vqrdmulhq_s32(vshlq_s32(a, vmaxq_s32(sh, zero)), vldrwq_s32(mult + c));
    r = vaddq_s32(mve::rounding_shift_right(r, vminq_s32(sh, zero)), zp);
    vstrbq_s32(out + c, vminq_s32(vmaxq_s32(r, lo), hi));
  }
  if (c < out_c) {
    // One to three channels left.
    int32_t acc[4] = {0, 0, 0, 0};
    const int32_t n = out_c - c;
    for (int32_t r = 0; r < n; ++r) MveIsa::dot<1>(x, w + static_cast<int64_t>(r) * k, k, k, acc + r);
    mve::requant_store(vldrwq_z_s32(acc, vctp32q(static_cast<uint32_t>(n))), n, bias ? bias + c : nullptr,
                       mult + c, shift + c, out_zp, act_min, act_max, out + c);
  }
}

/// gemv_s8 for Helium with the columns of convolutions: up to 64 bytes (pointwise layers of up to 64
/// channels, small im2col windows) in registers, longer ones read per block of four channels. `form`
/// must hold for all out_c shifts (callers that know the layer pass kRightOnly when it does).
inline void gemv_s8_mve(const int8_t* x, const int8_t* filter, int32_t k, int32_t out_c, const int32_t* bias,
                        const int32_t* mult, const int32_t* shift, int32_t out_zp, int32_t act_min, int32_t act_max,
                        int8_t* out, mve::RequantForm form) {
#define TINYAOT_RT_XREG(V, TAIL)                                                                              \
  return gemv_mve_xreg<V, TAIL>(x, filter, k, out_c, bias, mult, shift, out_zp, act_min, act_max, out, form, \
                                std::make_index_sequence<V>{})
  if (k > 0 && k <= 64) {
    const bool tail = k % 16 != 0;
    switch ((k + 15) / 16) {
      case 1: if (tail) TINYAOT_RT_XREG(1, true); else TINYAOT_RT_XREG(1, false);
      case 2: if (tail) TINYAOT_RT_XREG(2, true); else TINYAOT_RT_XREG(2, false);
      case 3: if (tail) TINYAOT_RT_XREG(3, true); else TINYAOT_RT_XREG(3, false);
      default: if (tail) TINYAOT_RT_XREG(4, true); else TINYAOT_RT_XREG(4, false);
    }
  }
#undef TINYAOT_RT_XREG
  gemv_mve_long(x, filter, k, out_c, bias, mult, shift, out_zp, act_min, act_max, out);
}

template <>
inline void gemv_s8<MveIsa, false>(const int8_t* x, const int8_t* filter, int32_t k, int32_t out_c,
                                   const int32_t* bias, const int32_t* mult, const int32_t* shift, int32_t out_zp,
                                   int32_t act_min, int32_t act_max, int8_t* out) {
  gemv_s8_mve(x, filter, k, out_c, bias, mult, shift, out_zp, act_min, act_max, out, mve::RequantForm::kGeneral);
}

/// True for a 1x1 convolution without padding: each output pixel is one input pixel times the filter.
inline bool conv_is_pointwise(const Conv2DParams& p) {
  return p.filter_h == 1 && p.filter_w == 1 && p.pad_h == 0 && p.pad_w == 0 && conv_isa_supported(p);
}

/// Output pixel (oy, ox) of a pointwise layer (conv_is_pointwise), with the layer's requantization form.
inline void pointwise_pixel_mve(const Conv2DParams& p, const int8_t* in_b, const int8_t* filter, const int32_t* bias,
                                const int32_t* mult, const int32_t* shift, mve::RequantForm form, int32_t oy,
                                int32_t ox, int8_t* out) {
  const int8_t* x = in_b + (static_cast<int64_t>(oy) * p.stride_h * p.input_w + ox * p.stride_w) * p.input_c;
  gemv_s8_mve(x, filter, p.input_c, p.output_c, bias, mult, shift, p.output_zero_point, p.act_min, p.act_max, out,
              form);
}
#endif

}  // namespace detail
}  // namespace tinyaot_rt
