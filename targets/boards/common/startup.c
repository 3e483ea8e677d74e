/* tinyaot board support: reset handler, vector table and fault reporting for every Cortex-M board.
 * Order matters: the FPU/MVE is enabled in assembly before any C runs (at -O2 gcc turns the .data/.bss
 * loops into memcpy/memset, which may use FP or vector registers), and on Armv8-M the stack limit is set
 * before the first push so an overflow faults instead of corrupting .data. The stack sits at the bottom
 * of RAM (see sections.ld), so on Armv7-M an overflow runs off the RAM and faults too. */
#include <stdint.h>
#include <string.h>

#include "semihost.h"
#include "stack.h"

extern uint32_t __stack_bottom[], __stack_top[];
extern uint32_t __data_start[], __data_end[], __data_load[];
extern uint32_t __bss_start[], __bss_end[];
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void Fault_Handler(void);
void tinyaot_reset_c(void);
void tinyaot_fault_report(const uint32_t* frame);
extern uint32_t tinyaot_fault_stack[128];

#if defined(__ARM_ARCH_8M_MAIN__) || defined(__ARM_ARCH_8M_BASE__) || defined(__ARM_ARCH_8_1M_MAIN__)
#define TINYAOT_HAS_STACK_LIMIT 1
#endif
#if !defined(__ARM_ARCH_6M__) && !defined(__ARM_ARCH_8M_BASE__)
#define TINYAOT_HAS_CFSR 1
#endif

__attribute__((used, noreturn)) void tinyaot_reset_c(void) {
  memcpy(__data_start, __data_load, (size_t)((char*)__data_end - (char*)__data_start));
  memset(__bss_start, 0, (size_t)((char*)__bss_end - (char*)__bss_start));
  tinyaot_stack_paint();
  for (void (**f)(void) = __init_array_start; f != __init_array_end; ++f) (*f)();
  sh_exit(main());
}

__attribute__((naked, noreturn)) void Reset_Handler(void) {
  /* Enable CP10/CP11 (FPU and MVE) with full access: CPACR |= 0xF << 20. */
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  __asm__ volatile(
      "ldr r0, =0xE000ED88\n"
      "ldr r1, [r0]\n"
      "orr r1, r1, #0x00F00000\n"
      "str r1, [r0]\n"
      "dsb\n"
      "isb\n");
#endif
#ifdef TINYAOT_HAS_STACK_LIMIT
  __asm__ volatile(
      "ldr r0, =__stack_bottom\n"
      "msr msplim, r0\n");
#endif
  __asm__ volatile(
      "ldr r0, =__stack_top\n"
      "mov sp, r0\n"
      "b tinyaot_reset_c\n");
}

static void err_hex(const char* label, uint32_t v) {
  char line[24];
  char* p = line;
  while (*label && p < line + 12) *p++ = *label++;
  for (int k = 0; k < 8; ++k) {
    const uint32_t d = (v >> (28 - 4 * k)) & 0xFu;
    *p++ = (char)(d < 10u ? '0' + (int)d : 'a' + (int)d - 10);
  }
  *p = '\0';
  sh_err(line);
}

/* Prints where a fault happened, from the frame the core stacked, then exits with status 70. */
__attribute__((used, noreturn)) void tinyaot_fault_report(const uint32_t* frame) {
  uint32_t ipsr;
  __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
  err_hex("FAULT: exception ", ipsr & 0x1FFu);
  static const char* const names[] = {" r0=", " r1=", " r2=", " r3=", " r12=", " lr=", " pc=", " xpsr="};
  for (int i = 0; i < 8; ++i) err_hex(names[i], frame[i]);
#ifdef TINYAOT_HAS_CFSR
  /* CFSR, HFSR, DFSR, MMFAR, BFAR are consecutive words from 0xE000ED28. */
  const volatile uint32_t* scb = (const volatile uint32_t*)0xE000ED28u;
  static const char* const regs[] = {"\nCFSR=", " HFSR=", " DFSR=", " MMFAR=", " BFAR="};
  for (int i = 0; i < 5; ++i) err_hex(regs[i], scb[i]);
#endif
  sh_err("\n");
  sh_exit(70);
}

/* The fault may be a stack overflow: report from a stack of its own, with the limit lifted. */
__attribute__((used, aligned(8))) uint32_t tinyaot_fault_stack[128];

__attribute__((naked)) void Fault_Handler(void) {
  /* Pick the stack the faulting code used (EXC_RETURN bit 2), then report from C. */
  __asm__ volatile(
      "mov r1, lr\n"
      "movs r0, #4\n"
      "tst r0, r1\n"
      "beq 1f\n"
      "mrs r0, psp\n"
      "b 2f\n"
      "1: mrs r0, msp\n"
      "2:\n");
#ifdef TINYAOT_HAS_STACK_LIMIT
  __asm__ volatile(
      "movs r1, #0\n"
      "msr msplim, r1\n");
#endif
  __asm__ volatile(
      "ldr r1, =tinyaot_fault_stack + 512\n"
      "mov sp, r1\n"
      "b tinyaot_fault_report\n");
}

void Default_Handler(void) {
  sh_err("FAULT: unexpected interrupt\n");
  sh_exit(71);
}

/* System exceptions only: the harness enables no interrupts. */
typedef void (*vector_t)(void);
__attribute__((used, section(".vectors"))) const vector_t tinyaot_vectors[16] = {
    (vector_t)(uintptr_t)__stack_top,  /* initial MSP */
    Reset_Handler,
    Default_Handler,  /* NMI */
    Fault_Handler,    /* HardFault */
    Fault_Handler,    /* MemManage */
    Fault_Handler,    /* BusFault */
    Fault_Handler,    /* UsageFault */
    Fault_Handler,    /* SecureFault (Armv8-M) */
    0, 0, 0,
    Default_Handler,  /* SVCall */
    Default_Handler,  /* DebugMonitor */
    0,
    Default_Handler,  /* PendSV */
    Default_Handler,  /* SysTick */
};
