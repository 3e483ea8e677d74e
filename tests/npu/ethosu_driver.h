/* tinyaot tests: a stand-in for the Arm Ethos-U core driver's ethosu_driver.h (our own, not Arm's).
 * It declares the few functions generated code calls, with the driver's signatures (v0.16), so emitted
 * code builds on the host and, compile-only, for Cortex-M. The implementations live in
 * recording_driver.cpp: they record every call instead of driving an NPU. */
#ifndef TINYAOT_TEST_ETHOSU_DRIVER_H
#define TINYAOT_TEST_ETHOSU_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Driver handle. The real one holds the device state; the stand-in only counts reservations. */
struct ethosu_driver {
  int reserved;
};

int ethosu_init(struct ethosu_driver* drv, void* npu_base, const void* fast_mem, size_t fast_mem_size,
                uint32_t secure, uint32_t privileged);
struct ethosu_driver* ethosu_reserve_driver(void);
void ethosu_release_driver(struct ethosu_driver* drv);
int ethosu_invoke_v3(struct ethosu_driver* drv, const void* custom_data_ptr, const int custom_data_size,
                     uint64_t* const base_addr, const size_t* base_addr_size, const int num_base_addr,
                     void* user_arg);
/** The NPU interrupt handler's body (the firmware example of docs/ethos-u.md calls it; not linked on the host). */
void ethosu_irq_handler(struct ethosu_driver* drv);

#ifdef __cplusplus
}
#endif

#endif /* TINYAOT_TEST_ETHOSU_DRIVER_H */
