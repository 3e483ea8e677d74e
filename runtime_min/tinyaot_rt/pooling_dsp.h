// tinyaot runtime: int8 AVERAGE_POOL_2D for cores with the DSP extension (M4, M7, M33), bit-exact with
// average_pool() (pooling.h), plus the division the Helium kernel (pooling_mve.h) shares.
// Sums: a window of at most 255 taps sums int8 values into int16 lanes without overflow (|sum| <= 128 *
// 255), so one word of four channels is two SXTAB16 (bytes 0/2 and, rotated, 1/3) into packed int16
// pairs: 16 channels per pass keep 8 accumulator registers (15 instructions per tap, in a function of its
// own so gcc does not spill them); the averages of a block in one loop (about 9 instructions per channel,
// no clamp when the activation range is all of int8: every average lies in it).
// Average: the reference rounds half away from zero with a C division, i.e. sign(a) * floor((|a| + c/2)
// / c) for count c (a = 0 gives 0 either way). floor(b / c) = (b * M) >> (16 + k) for every b <= 128 * c
// + c/2 with k = floor(log2 c) and M = ceil(2^(16+k) / c) <= 65535 (M * b fits in 32 bits; the error b *
// (M - 2^(16+k)/c) / 2^(16+k) stays below 1/c for c <= 255; powers of two: M = 2^15, exact). The pair is
// recomputed only when the window's tap count changes (border windows); a single tap is the same
// multiply with M = 65535 on |a| + 1.
// Filters of more than 255 taps and int16 use the reference kernel (decided in the inlined dispatch, so
// the reference is linked only if needed); channels past the last multiple of 4, the reference arithmetic.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tinyaot_rt/dispatch.h"
#include "tinyaot_rt/dsp_intrinsics.h"
#include "tinyaot_rt/fixedpoint.h"
#include "tinyaot_rt/pooling.h"

namespace tinyaot_rt {
namespace pool_detail {

/// floor(b / count) as (b * mult) >> shift for 0 <= b <= 128 * count + count / 2, 1 <= count <= 255
/// (count 1: half = 1, mult = 65535, shift 16, i.e. (|a| + 1) - 1, so that M still fits 16 bits).
struct PoolDivisor {
  int32_t count = 0;
  uint32_t mult = 0;
  int32_t shift = 0;  ///< 16 + k
  int32_t half = 0;   ///< count / 2
};

/// Sets d for `count` taps (once per distinct count).
inline void set_divisor(PoolDivisor& d, int32_t count) {
  if (d.count == count) return;
  d.count = count;
  d.half = count / 2;
  if (count == 1) {
    d.half = 1, d.mult = 65535u, d.shift = 16;
    return;
  }
  int32_t k = 31 - __builtin_clz(static_cast<unsigned>(count));
  if ((count & (count - 1)) == 0) {
    d.mult = 1u << 15;
    --k;
  } else {
    d.mult = ((1u << (16 + k)) + static_cast<uint32_t>(count) - 1u) / static_cast<uint32_t>(count);
  }
  d.shift = 16 + k;
}

/// The reference average of a channel sum: sign(a) * floor((|a| + c/2) / c), clamped.
/// kClamp false: the activation range is all of int8, which every average already lies in.
template <bool kClamp>
inline int32_t average_of(int32_t a, const PoolDivisor& d, int32_t lo, int32_t hi) {
  const int32_t sign = -static_cast<int32_t>(static_cast<uint32_t>(a) >> 31);  // -1 or 0
  const auto b = static_cast<uint32_t>(((a ^ sign) - sign) + d.half);
  const auto q = static_cast<int32_t>((b * d.mult) >> d.shift);
  const int32_t r = (q ^ sign) - sign;
  return kClamp ? clamp_i32(r, lo, hi) : r;
}

/// The reference average of one window for channels [c0, channels) (windows the fast forms do not take).
inline void average_window_ref(const PoolParams& p, const int8_t* input, int8_t* output, int32_t y0, int32_t y1,
                               int32_t x0, int32_t x1, int32_t c0) {
  const int32_t count = (y1 - y0) * (x1 - x0);
  for (int32_t c = c0; c < p.channels; ++c) {
    int32_t acc = 0;
    for (int32_t y = y0; y < y1; ++y)
      for (int32_t x = x0; x < x1; ++x) acc += input[(y * p.input_width + x) * p.channels + c];
    if (count > 0) acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
    output[c] = static_cast<int8_t>(clamp_i32(acc, p.act_min, p.act_max));
  }
}

inline int32_t lo16(int32_t v) { return static_cast<int16_t>(static_cast<uint32_t>(v) & 0xFFFFu); }
inline int32_t hi16(int32_t v) { return v >> 16; }

/// Adds `taps` taps (tap_step bytes apart) of 4 * kWords channels into the packed accumulators acc[0,
/// kWords) (bytes 0/2) and acc[kWords, 2 * kWords) (bytes 1/3). Not inlined: on its own the loop keeps
/// all accumulators, the pointers and the step in registers (inlined into the window walk, gcc spilled).
template <std::size_t kWords>
__attribute__((noinline)) void dsp_sum_run(const int8_t* px, int32_t taps, int32_t tap_step, int32_t* acc) {
  int32_t even[kWords], odd[kWords];
  for (std::size_t j = 0; j < kWords; ++j) even[j] = acc[j], odd[j] = acc[kWords + j];
  for (const int8_t* end = px + taps * tap_step; px != end; px += tap_step) {
#pragma GCC unroll 4
    for (std::size_t j = 0; j < kWords; ++j) {
      const int32_t w = dsp::load_s8x4(px + 4 * j);
      even[j] = dsp::sxtab16(even[j], w);
      odd[j] = dsp::sxtab16_ror8(odd[j], w);
    }
  }
  for (std::size_t j = 0; j < kWords; ++j) acc[j] = even[j], acc[kWords + j] = odd[j];
}

/// Stores the averages of 4 * words channels from packed accumulators (see dsp_sum_run). One loop, not
/// inlined: the division is about 12 instructions per channel and unrolled copies cost flash.
template <bool kClamp>
__attribute__((noinline)) void dsp_store_averages(const int32_t* acc, std::size_t words, const PoolDivisor& div,
                                                  int32_t lo, int32_t hi, int8_t* out) {
  const PoolDivisor d = div;  // a copy: the int8 stores could alias div, which would reload it per channel
  for (std::size_t j = 0; j < words; ++j, out += 4) {
    const int32_t e = acc[j], o = acc[words + j];
    out[0] = static_cast<int8_t>(average_of<kClamp>(lo16(e), d, lo, hi));
    out[1] = static_cast<int8_t>(average_of<kClamp>(lo16(o), d, lo, hi));
    out[2] = static_cast<int8_t>(average_of<kClamp>(hi16(e), d, lo, hi));
    out[3] = static_cast<int8_t>(average_of<kClamp>(hi16(o), d, lo, hi));
  }
}

/// Sums 4 * kWords channels (4 or 16) over the window runs and stores their averages.
template <std::size_t kWords, bool kClamp>
inline void dsp_block(const int8_t* first, int32_t rows, int32_t cols, int32_t row_step, int32_t tap_step,
                      const PoolDivisor& d, int32_t lo, int32_t hi, int8_t* out) {
  int32_t acc[2 * kWords] = {};
  for (int32_t r = 0; r < rows; ++r) dsp_sum_run<kWords>(first + r * row_step, cols, tap_step, acc);
  dsp_store_averages<kClamp>(acc, kWords, d, lo, hi, out);
}

}  // namespace pool_detail

namespace pool_detail {

/// The DSP kernel for int8 and filters of at most 255 taps; one copy shared by all call sites. kRest:
/// channels % 16 != 0 (the 4-channel blocks and the reference tail are linked only then); kClamp: the
/// activation range is narrower than int8.
template <bool kRest, bool kClamp>
__attribute__((noinline)) void average_pool_s8_dsp(const PoolParams& p, const int8_t* input, int8_t* output) {
  PoolDivisor d;
  detail::for_each_window(p, [&](int32_t out_index, int32_t y0, int32_t y1, int32_t x0, int32_t x1,
                                 int32_t in_base) {
    const int8_t* in = input + in_base;
    int8_t* out = output + out_index;
    set_divisor(d, (y1 - y0) * (x1 - x0));
    // Whole rows of the input are one run of taps.
    int32_t rows = y1 - y0, cols = x1 - x0;
    if (cols == p.input_width) cols *= rows, rows = 1;
    const int8_t* first = in + (y0 * p.input_width + x0) * p.channels;
    const int32_t row_step = p.input_width * p.channels;
    int32_t c = 0;
    for (; c + 16 <= p.channels; c += 16)
      dsp_block<4, kClamp>(first + c, rows, cols, row_step, p.channels, d, p.act_min, p.act_max, out + c);
    if constexpr (kRest) {
      for (; c + 4 <= p.channels; c += 4)
        dsp_block<1, kClamp>(first + c, rows, cols, row_step, p.channels, d, p.act_min, p.act_max, out + c);
      if (c < p.channels) average_window_ref(p, in, out, y0, y1, x0, x1, c);
    }
  });
}

}  // namespace pool_detail

/// average_pool (pooling.h), DSP kernel for int8. The dispatch is inlined into invoke() (constexpr
/// parameters fold it).
template <typename T>
TINYAOT_RT_DISPATCH void average_pool_dsp(const PoolParams& p, const T* input, T* output) {
  if constexpr (sizeof(T) == 1) {
    if (p.filter_height * p.filter_width <= 255) {
      const bool rest = p.channels % 16 != 0, clamp = p.act_min > -128 || p.act_max < 127;
      if (rest && clamp) pool_detail::average_pool_s8_dsp<true, true>(p, input, output);
      else if (rest) pool_detail::average_pool_s8_dsp<true, false>(p, input, output);
      else if (clamp) pool_detail::average_pool_s8_dsp<false, true>(p, input, output);
      else pool_detail::average_pool_s8_dsp<false, false>(p, input, output);
      return;
    }
  }
  average_pool(p, input, output);
}

}  // namespace tinyaot_rt
