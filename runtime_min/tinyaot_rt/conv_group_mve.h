// tinyaot runtime: int8 CONV_2D on Helium four output pixels at a time (Cortex-M55, M85).
// One pixel at a time, a layer with few output channels or a short filter spent most of its instructions
// outside the dot products (per-pixel call, im2col set-up, requantization of a handful of channels). Here
// the columns of four output pixels (conv_group_cols_mve.h: im2col windows gathered into one stack buffer,
// shallow pointwise pixels read in place) are dotted with each 16-byte filter vector loaded once for four
// VMLADAVAs (one per pixel); the sums of a block of channels are then requantized with channels across the
// lanes. Columns of one vector stay in registers for all channels; columns of two or three vectors (short
// windows such as kws 10x4x1, vww 3x3x3) are read once for two channels. The idea follows
// CMSIS-NN's arm_nn_mat_mult_nt_t_s8 (four rows per column load); the code is ours. Integer sums are exact
// in any order and the requantization is conv_common.h's arithmetic (mve_requant.h explains the
// instruction equivalences), so results equal the reference bit for bit. One kernel instance per
// requantization form serves every layer of a model (the layer's sizes are run-time arguments), which keeps
// the flash cost independent of the number of layers.
#pragma once

#include <cstdint>
#include <type_traits>

#include "tinyaot_rt/conv_group_cols_mve.h"
#include "tinyaot_rt/conv_inplace.h"
#include "tinyaot_rt/gemm_s8_mve.h"
#include "tinyaot_rt/mve_requant.h"

namespace tinyaot_rt {
namespace detail {

/// Largest zero-padded column (filter bytes per output channel, rounded up to 16) of the group buffer.
constexpr int32_t kConvGroupMaxK = 576;
/// Largest output depth of the in-place group walk (it stages kConvGroup - 1 pixels on the stack).
constexpr int32_t kConvGroupMaxC = 256;

/// True when conv_group_* handle the layer: contiguous filter rows, a column that fits the buffer, and a
/// shape where grouping measured faster on the M55: windows (im2col) and pointwise layers of up to 16
/// input channels. Deeper pointwise columns (32..256) keep gemv_s8_mve, whose column stays in registers
/// (32-64) or is shared by four channels with the requantization in registers: measured 0.5-0.65x the
/// instructions of the group kernel there (kws 64->64: 150K vs 230K per layer).
inline bool conv_group_ok(const Conv2DParams& p) {
  const int32_t k = p.filter_h * p.filter_w * p.input_c;
  const bool pointwise = p.filter_h == 1 && p.filter_w == 1 && p.pad_h == 0 && p.pad_w == 0;
  return conv_isa_supported(p) && k <= kConvGroupMaxK && p.output_c <= kConvGroupMaxC && (!pointwise || k <= 16);
}

#if TINYAOT_RT_HAVE_MVE
/// What the group kernel reads of a layer (one object per layer call).
struct ConvGroupLayer {
  const int8_t* filter;
  const int32_t* bias;  ///< may be null
  const int32_t* mult;
  const int32_t* shift;
  int32_t k, kpad, out_c, out_zp, act_min, act_max;
};

/// Output channels whose sums are kept before they are requantized (the stack array holds kConvGroup times
/// as many int32).
constexpr int32_t kConvGroupChunk = 32;

/// Requantizes the sums acc[i][0..n) of output channels c0.. for pixels i < count and stores them to
/// outs[i] + c0: per block of four channels the bias, multipliers and shifts are loaded once for all the
/// pixels (channels across the lanes, contiguous VSTRB). kRightOnly as in mve_requant.h.
template <bool kRightOnly>
__attribute__((always_inline)) inline void conv_group_requant(const ConvGroupLayer& L, const int32_t (*acc)[kConvGroupChunk],
                                                              int32_t n, int32_t count, int32_t c0,
                                                              int8_t* const* outs) {
  const int32x4_t zero = vdupq_n_s32(0), zp = vdupq_n_s32(L.out_zp);
  const int32x4_t lo = vdupq_n_s32(L.act_min), hi = vdupq_n_s32(L.act_max);
  const int32_t* bias = L.bias ? L.bias + c0 : nullptr;
  const int32_t *mult = L.mult + c0, *shift = L.shift + c0;
  // kPred: the last block of fewer than four channels (loads and stores predicated).
  auto block = [&](int32_t c, auto pred) __attribute__((always_inline)) {
    constexpr bool kPred = decltype(pred)::value;
    const mve_pred16_t p = vctp32q(static_cast<uint32_t>(n - c));
    auto load = [&](const int32_t* v) { return kPred ? vldrwq_z_s32(v, p) : vldrwq_s32(v); };
    const int32x4_t b = bias ? load(bias + c) : zero, m = load(mult + c), sh = load(shift + c);
    const int32x4_t left = kRightOnly ? zero : vmaxq_s32(sh, zero), right = kRightOnly ? sh : vminq_s32(sh, zero);
    for (int32_t i = 0; i < count; ++i) {
      int32x4_t a = vaddq_s32(load(acc[i] + c), b);
      if constexpr (kRightOnly) {
        // VQRDMULH cannot return INT32_MIN for a non-negative multiplier, so adding -1 never wraps.
        a = vqrdmulhq_s32(a, m);
        a = vrshlq_s32(vqaddq_s32(a, vshrq_n_s32(a, 31)), right);
      } else {
        a = mve::rounding_shift_right(vqrdmulhq_s32(vshlq_s32(a, left), m), right);
      }
      a = vminq_s32(vmaxq_s32(vaddq_s32(a, zp), lo), hi);
      if constexpr (kPred) vstrbq_p_s32(outs[i] + c0 + c, a, p);
      else vstrbq_s32(outs[i] + c0 + c, a);
    }
  };
  int32_t c = 0;
  for (; c + 4 <= n; c += 4) block(c, std::false_type{});
  if (c < n) block(c, std::true_type{});
}

/// A 16-byte vector of the group buffer at byte offset off (16-byte aligned): VLDRW reaches offsets up to
/// 508 from one base register where VLDRB stops at 127, so the four columns of a short filter need no
/// per-column pointers. Byte order is the same, so the bytes are the ones VLDRB would load.
__attribute__((always_inline)) inline int8x16_t conv_group_col(const int8_t* col, int32_t off) {
  return vreinterpretq_s8_s32(vldrwq_s32(reinterpret_cast<const int32_t*>(col + off)));
}

/// Channels in pairs for columns of exactly NV vectors (kpad == 16 * NV): per vector the four column
/// vectors are loaded once for two filter rows (eight VMLADAVAs), with the column offsets immediates of one
/// base register. The short windows (kws 10x4x1, vww 3x3x3) spent more on the per-channel set-up of the
/// general loop (four column pointers, the separate partial vector) than on the dot products. Returns the
/// number of channels done (n rounded down to even); w moves past their filter rows.
template <int NV>
__attribute__((always_inline)) inline int32_t conv_group_pairs(const int8_t* col, const int8_t*& w, int32_t k,
                                                               int32_t n, int32_t (*acc)[kConvGroupChunk]) {
  constexpr int32_t kp = 16 * NV;
  const mve_pred16_t lp = vctp8q(static_cast<uint32_t>(k - 16 * (NV - 1)));  // the row's last vector
  const int8_t* wa = w;
  int32_t c = 0;
  for (; c + 2 <= n; c += 2) {
    const int8_t* wb = wa + k;
    // The column loads stay in the loop: hoisted (NV == 2) they spill, and a reload from the stack costs
    // an address computation more than one from col.
    const int8_t* cp = col;
    __asm__ volatile("" : "+r"(cp));
    // Vector 0 starts the sums (VMLADAV), the others accumulate (VMLADAVA).
    auto dot = [](int32_t a, int8x16_t x, int8x16_t f, auto first) __attribute__((always_inline)) {
      return decltype(first)::value ? vmladavq_s8(x, f) : vmladavaq_s8(a, x, f);
    };
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    auto step = [&](auto vc) __attribute__((always_inline)) {
      constexpr int32_t v = decltype(vc)::value;
      using First = std::integral_constant<bool, v == 0>;
      const int8x16_t fa = v + 1 < NV ? vldrbq_s8(wa + 16 * v) : vldrbq_z_s8(wa + 16 * v, lp);
      const int8x16_t fb = v + 1 < NV ? vldrbq_s8(wb + 16 * v) : vldrbq_z_s8(wb + 16 * v, lp);
      int8x16_t x = conv_group_col(cp, 16 * v);
      a0 = dot(a0, x, fa, First{}), b0 = dot(b0, x, fb, First{});
      x = conv_group_col(cp, kp + 16 * v);
      a1 = dot(a1, x, fa, First{}), b1 = dot(b1, x, fb, First{});
      x = conv_group_col(cp, 2 * kp + 16 * v);
      a2 = dot(a2, x, fa, First{}), b2 = dot(b2, x, fb, First{});
      x = conv_group_col(cp, 3 * kp + 16 * v);
      a3 = dot(a3, x, fa, First{}), b3 = dot(b3, x, fb, First{});
    };
    step(std::integral_constant<int32_t, 0>{});
    step(std::integral_constant<int32_t, 1>{});
    if constexpr (NV > 2) step(std::integral_constant<int32_t, 2>{});
    acc[0][c] = a0, acc[0][c + 1] = b0, acc[1][c] = a1, acc[1][c + 1] = b1;
    acc[2][c] = a2, acc[2][c + 1] = b2, acc[3][c] = a3, acc[3][c + 1] = b3;
    wa = wb + k;
  }
  w = wa;
  return c;
}

/// Every output channel of the kConvGroup columns cols[i] (gathered ones zero past k; with kpad == 16 only
/// k bytes are read, so cols[i] may point into the input), pixel i written to
/// outs[i][0..out_c) for i < count. Per block of up to kConvGroupChunk channels the four sums of each
/// channel go to a per-pixel array, then conv_group_requant requantizes the block with channels across
/// the lanes (each block's constants loaded once for the four pixels, contiguous VSTRB): fewer
/// instructions than requantizing the four pixels of one channel as a vector (built from four scalars,
/// stored with a scatter). Not inlined: one copy for all layers.
__attribute__((noinline)) TINYAOT_RT_MVE_NO_SCHED void conv_group_kernel(const ConvGroupLayer& L, const int8_t* const* cols,
                                                                         int8_t* const* outs, int32_t count,
                                                                         mve::RequantForm form) {
  const int32_t k = L.k, kp = L.kpad, full = k / 16, rest = k - 16 * full;
  const mve_pred16_t wp = vctp8q(static_cast<uint32_t>(rest));  // the last, partial filter vector
  const int8_t* w = L.filter;
  int32_t acc[kConvGroup][kConvGroupChunk];
  for (int32_t c0 = 0; c0 < L.out_c; c0 += kConvGroupChunk) {
    const int32_t n = L.out_c - c0 < kConvGroupChunk ? L.out_c - c0 : kConvGroupChunk;
    if (kp == 16) {
      // One vector per column: the four columns stay in registers for every channel.
      const mve_pred16_t p1 = vctp8q(static_cast<uint32_t>(k));
      const int8x16_t x0 = vldrbq_z_s8(cols[0], p1), x1 = vldrbq_z_s8(cols[1], p1),
                      x2 = vldrbq_z_s8(cols[2], p1), x3 = vldrbq_z_s8(cols[3], p1);
      for (int32_t c = 0; c < n; ++c, w += k) {
        const int8x16_t wv = vldrbq_z_s8(w, p1);
        acc[0][c] = vmladavq_s8(x0, wv);
        acc[1][c] = vmladavq_s8(x1, wv);
        acc[2][c] = vmladavq_s8(x2, wv);
        acc[3][c] = vmladavq_s8(x3, wv);
      }
    } else {
      const int8_t* const col = cols[0];  // gathered: the four columns are kp bytes apart
      int32_t c = 0;
      if (kp == 32) c = conv_group_pairs<2>(col, w, k, n, acc);
      else if (kp == 48) c = conv_group_pairs<3>(col, w, k, n, acc);
      for (; c < n; ++c) {
        int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        const int8_t *x0 = col, *x1 = col + kp, *x2 = col + 2 * kp, *x3 = col + 3 * kp;
        for (int32_t v = 0; v < full; ++v) {
          const int8x16_t wv = vldrbq_s8(w);
          w += 16;
          a0 = vmladavaq_s8(a0, vldrbq_s8(x0), wv);
          a1 = vmladavaq_s8(a1, vldrbq_s8(x1), wv);
          a2 = vmladavaq_s8(a2, vldrbq_s8(x2), wv);
          a3 = vmladavaq_s8(a3, vldrbq_s8(x3), wv);
          x0 += 16, x1 += 16, x2 += 16, x3 += 16;
        }
        if (rest) {
          // The columns are zero past k; the filter load stops at the row's end.
          const int8x16_t wv = vldrbq_z_s8(w, wp);
          w += rest;
          a0 = vmladavaq_s8(a0, vldrbq_s8(x0), wv);
          a1 = vmladavaq_s8(a1, vldrbq_s8(x1), wv);
          a2 = vmladavaq_s8(a2, vldrbq_s8(x2), wv);
          a3 = vmladavaq_s8(a3, vldrbq_s8(x3), wv);
        }
        acc[0][c] = a0, acc[1][c] = a1, acc[2][c] = a2, acc[3][c] = a3;
      }
    }
    if (form == mve::RequantForm::kRightOnly) conv_group_requant<true>(L, acc, n, count, c0, outs);
    else conv_group_requant<false>(L, acc, n, count, c0, outs);
  }
}

/// The kernel's layer view of p and its arrays.
inline ConvGroupLayer conv_group_layer(const Conv2DParams& p, const int8_t* filter, const int32_t* bias,
                                       const int32_t* mult, const int32_t* shift) {
  const int32_t k = p.filter_h * p.filter_w * p.input_c;
  return {filter, bias, mult, shift, k, (k + 15) / 16 * 16, p.output_c, p.output_zero_point, p.act_min,
          p.act_max};
}

/// A conv_group_ok() layer with its own output buffer: groups of four consecutive pixels, the last group
/// possibly shorter.
__attribute__((noinline)) inline void conv_group_run(const Conv2DParams& p, const int8_t* input,
                                                     const int8_t* filter, const int32_t* bias, const int32_t* mult,
                                                     const int32_t* shift, int8_t* output) {
  alignas(16) int8_t col[kConvGroup * kConvGroupMaxK + 16];
  const ConvGroupLayer L = conv_group_layer(p, filter, bias, mult, shift);
  const ConvGroupGeom geom = conv_group_geom(p, L.kpad);
  const mve::RequantForm form = mve::requant_form(shift, p.output_c);
  const int32_t n = p.output_h * p.output_w;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_b = input + static_cast<int64_t>(b) * p.input_h * p.input_w * p.input_c;
    int8_t* out_b = output + static_cast<int64_t>(b) * n * p.output_c;
    int32_t y = 0, x = 0;
    for (int32_t k0 = 0; k0 < n; k0 += kConvGroup) {
      const int32_t count = n - k0 < kConvGroup ? n - k0 : kConvGroup;
      int32_t oy[kConvGroup] = {}, ox[kConvGroup] = {};
      for (int32_t i = 0; i < count; ++i) {
        oy[i] = y, ox[i] = x;
        if (++x == p.output_w) x = 0, ++y;
      }
      const int8_t* cols[kConvGroup];
      conv_group_cols(geom, in_b, oy, ox, count, col, L.kpad, cols);
      int8_t* outs[kConvGroup] = {};
      for (int32_t i = 0; i < count; ++i) outs[i] = out_b + (k0 + i) * p.output_c;
      conv_group_kernel(L, cols, outs, count, form);
    }
  }
}

/// A conv_group_ok() layer in place (conv_inplace.h): the staged_pixel_groups() walk, every column of a
/// group gathered before any of its pixels is written.
__attribute__((noinline)) inline void conv_group_inplace(const Conv2DParams& p, const InPlaceParams& ip,
                                                         const int8_t* input, const int8_t* filter,
                                                         const int32_t* bias, const int32_t* mult,
                                                         const int32_t* shift, int8_t* output, int8_t* ring_buf) {
  alignas(16) int8_t col[kConvGroup * kConvGroupMaxK + 16];
  int8_t stage[(kConvGroup - 1) * kConvGroupMaxC];
  const ConvGroupLayer L = conv_group_layer(p, filter, bias, mult, shift);
  const ConvGroupGeom geom = conv_group_geom(p, L.kpad);
  const mve::RequantForm form = mve::requant_form(shift, p.output_c);
  staged_pixel_groups<kConvGroup>(
      p.output_h, p.output_w, p.output_c, ip, ring_buf, output, stage,
      [&](const int32_t* oy, const int32_t* ox, int32_t count, int8_t* const* outs) __attribute__((always_inline)) {
        const int8_t* cols[kConvGroup];
        conv_group_cols(geom, input, oy, ox, count, col, L.kpad, cols);
        conv_group_kernel(L, cols, outs, count, form);
      },
      [](const int8_t* from, int8_t* to, int32_t n) __attribute__((always_inline)) {
        if (n <= 16) {  // one predicated vector: no loop set-up
          const mve_pred16_t m = vctp8q(static_cast<uint32_t>(n));
          vstrbq_p_s8(to, vldrbq_z_s8(from, m), m);
          return;
        }
        for (int32_t i = 0; i < n; i += 16) {
          const mve_pred16_t m = vctp8q(static_cast<uint32_t>(n - i));
          vstrbq_p_s8(to + i, vldrbq_z_s8(from + i, m), m);
        }
      });
}
#endif

}  // namespace detail
}  // namespace tinyaot_rt
