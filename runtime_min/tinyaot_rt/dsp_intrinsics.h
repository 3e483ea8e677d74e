// tinyaot runtime: the few Armv7E-M/Armv8-M DSP instructions the DSP kernels use, with portable versions.
// On a core with the DSP extension (__ARM_FEATURE_DSP) each function is one instruction (ACLE intrinsics,
// inline assembly for the rotated SXTB16 that gcc 12's arm_acle.h lacks); elsewhere (host unit tests,
// M0+/M3) plain C++ computes the same bits, so the DSP kernels can be checked on any machine.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#include <arm_acle.h>
#define TINYAOT_RT_HAVE_DSP 1
#else
#define TINYAOT_RT_HAVE_DSP 0
#endif

namespace tinyaot_rt {
namespace dsp {

/// Four int8 values as one word (unaligned loads are fine on Armv7-M and later).
inline int32_t load_s8x4(const int8_t* p) {
  int32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

#if !TINYAOT_RT_HAVE_DSP
namespace portable {
inline int32_t lo16(int32_t v) { return static_cast<int16_t>(static_cast<uint32_t>(v) & 0xFFFFu); }
inline int32_t hi16(int32_t v) { return static_cast<int16_t>(static_cast<uint32_t>(v) >> 16); }
inline int32_t byte_s(int32_t v, int i) {
  return static_cast<int8_t>((static_cast<uint32_t>(v) >> (8 * i)) & 0xFFu);
}
inline int32_t pack16(int32_t lo, int32_t hi) {
  return static_cast<int32_t>((static_cast<uint32_t>(lo) & 0xFFFFu) | (static_cast<uint32_t>(hi) << 16));
}
inline int32_t wrap_add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
}  // namespace portable
#endif

/// Bytes 0 and 2, sign-extended to two int16 halves.
inline int32_t sxtb16(int32_t v) {
#if TINYAOT_RT_HAVE_DSP
  return __sxtb16(v);
#else
  return portable::pack16(portable::byte_s(v, 0), portable::byte_s(v, 2));
#endif
}

/// Bytes 1 and 3, sign-extended to two int16 halves (SXTB16 with ROR #8).
inline int32_t sxtb16_ror8(int32_t v) {
#if TINYAOT_RT_HAVE_DSP
  int32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(v));
  return r;
#else
  return portable::pack16(portable::byte_s(v, 1), portable::byte_s(v, 3));
#endif
}

/// acc plus bytes 0 and 2 of v, sign-extended, per int16 half (SXTAB16; each half wraps on its own).
inline int32_t sxtab16(int32_t acc, int32_t v) {
#if TINYAOT_RT_HAVE_DSP
  int32_t r;
  __asm__("sxtab16 %0, %1, %2" : "=r"(r) : "r"(acc), "r"(v));
  return r;
#else
  return portable::pack16(portable::lo16(acc) + portable::byte_s(v, 0), portable::hi16(acc) + portable::byte_s(v, 2));
#endif
}

/// acc plus bytes 1 and 3 of v, sign-extended, per int16 half (SXTAB16 with ROR #8).
inline int32_t sxtab16_ror8(int32_t acc, int32_t v) {
#if TINYAOT_RT_HAVE_DSP
  int32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(acc), "r"(v));
  return r;
#else
  return portable::pack16(portable::lo16(acc) + portable::byte_s(v, 1), portable::hi16(acc) + portable::byte_s(v, 3));
#endif
}

/// acc + lo(a) * lo(b) + hi(a) * hi(b), wrapping like the instruction (which only sets the Q flag).
inline int32_t smlad(int32_t a, int32_t b, int32_t acc) {
#if TINYAOT_RT_HAVE_DSP
  return __smlad(a, b, acc);
#else
  using namespace portable;
  return wrap_add(wrap_add(acc, lo16(a) * lo16(b)), hi16(a) * hi16(b));
#endif
}

/// acc + lo(a) * lo(b).
inline int32_t smlabb(int32_t a, int32_t b, int32_t acc) {
#if TINYAOT_RT_HAVE_DSP
  return __smlabb(a, b, acc);
#else
  return portable::wrap_add(acc, portable::lo16(a) * portable::lo16(b));
#endif
}

/// acc + hi(a) * hi(b).
inline int32_t smlatt(int32_t a, int32_t b, int32_t acc) {
#if TINYAOT_RT_HAVE_DSP
  return __smlatt(a, b, acc);
#else
  return portable::wrap_add(acc, portable::hi16(a) * portable::hi16(b));
#endif
}

}  // namespace dsp
}  // namespace tinyaot_rt
