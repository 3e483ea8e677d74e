// tinyaot tests: the few CMSIS declarations a Cortex-M55/M85 device header provides that the NPU glue
// and the firmware example of docs/ethos-u.md use: the data-cache maintenance functions (for
// -DTINYAOT_ETHOSU_CMSIS_DCACHE) and NVIC_EnableIRQ. Force-included (-include) in place of a device pack,
// so the tests can compile, not link, the emitted code and the example for Cortex-M55.
#pragma once

#include <cstdint>

/// Writes dirty lines of [addr, addr + dsize) back to memory (before the NPU reads it).
void SCB_CleanDCache_by_Addr(volatile void* addr, int32_t dsize);
/// Drops cached lines of [addr, addr + dsize) (after the NPU wrote it).
void SCB_InvalidateDCache_by_Addr(volatile void* addr, int32_t dsize);

/// Interrupt numbers, as the device header's enum (only the type matters here).
enum IRQn_Type : int32_t { NonMaskableInt_IRQn = -14 };
/// Enables an interrupt in the NVIC.
void NVIC_EnableIRQ(IRQn_Type irq);
