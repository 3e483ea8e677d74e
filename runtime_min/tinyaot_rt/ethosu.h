// tinyaot runtime: the glue between generated code and the Arm Ethos-U core driver.
// The generated invoke() calls ethosu_run() once per Vela command stream. Everything about the driver
// comes from the driver's own "ethosu_driver.h", which the user's build provides (with ETHOSU55/65/85
// defined and ethosu_init() called once at start-up, as the driver requires); nothing of it is declared
// here.
//
// Cache maintenance (cores with a data cache: Cortex-M55, M85, M7). The NPU reads and writes memory
// behind the CPU's data cache, so the arena must be cleaned before the NPU runs and invalidated after.
// Either override the driver's weak ethosu_flush_dcache()/ethosu_invalidate_dcache() (the driver calls
// them for every base address), or let this glue do it for the whole arena:
//   -DTINYAOT_ETHOSU_CMSIS_DCACHE   use CMSIS SCB_CleanDCache_by_Addr / SCB_InvalidateDCache_by_Addr (the
//                                   device header must be included before this file, e.g. with -include);
//   -DTINYAOT_ETHOSU_CLEAN_DCACHE(p,n)=... / -DTINYAOT_ETHOSU_INVALIDATE_DCACHE(p,n)=...  your own.
// Without either the hooks do nothing (right for cores without a data cache, and for the host).
// When invalidating, align the arena to the cache line (32 bytes) and give it a size that is a multiple
// of it, so no neighbouring variable shares a line with the arena.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ethosu_driver.h"

#if defined(TINYAOT_ETHOSU_CMSIS_DCACHE) && !defined(TINYAOT_ETHOSU_CLEAN_DCACHE)
#define TINYAOT_ETHOSU_CLEAN_DCACHE(p, n) \
  SCB_CleanDCache_by_Addr(static_cast<volatile void*>(p), static_cast<int32_t>(n))
#define TINYAOT_ETHOSU_INVALIDATE_DCACHE(p, n) \
  SCB_InvalidateDCache_by_Addr(static_cast<volatile void*>(p), static_cast<int32_t>(n))
#endif
#ifndef TINYAOT_ETHOSU_CLEAN_DCACHE
#define TINYAOT_ETHOSU_CLEAN_DCACHE(p, n) ((void)(p), (void)(n))
#endif
#ifndef TINYAOT_ETHOSU_INVALIDATE_DCACHE
#define TINYAOT_ETHOSU_INVALIDATE_DCACHE(p, n) ((void)(p), (void)(n))
#endif

namespace tinyaot_rt {

/// A pointer as the driver's 64-bit base address.
inline std::uint64_t ethosu_address(const void* p) {
  return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(p));
}

/// Runs one command stream on a free NPU: reserve a driver, clean the cache over the arena, invoke with
/// the base addresses (read-only data, scratch, scratch_fast, inputs, outputs; each 16-byte aligned),
/// invalidate the cache over the arena, release. Returns 0 on success, -1 when no driver is free or the
/// driver reports an error.
inline int ethosu_run(const std::uint8_t* command_stream, std::size_t command_stream_bytes,
                      std::uint64_t* base_addr, const std::size_t* base_addr_size, int num_base_addr,
                      std::uint8_t* arena, std::size_t arena_bytes) {
  struct ethosu_driver* drv = ethosu_reserve_driver();
  if (drv == nullptr) return -1;
  TINYAOT_ETHOSU_CLEAN_DCACHE(arena, arena_bytes);
  const int status = ethosu_invoke_v3(drv, command_stream, static_cast<int>(command_stream_bytes), base_addr,
                                      base_addr_size, num_base_addr, nullptr);
  TINYAOT_ETHOSU_INVALIDATE_DCACHE(arena, arena_bytes);
  ethosu_release_driver(drv);
  return status == 0 ? 0 : -1;
}

}  // namespace tinyaot_rt
