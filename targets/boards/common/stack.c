/* tinyaot board support: stack painting (see stack.h). Volatile stores keep gcc from turning the loop
 * into a memset call, whose own frame would land in the area being painted. */
#include "stack.h"

#include <stdint.h>

extern uint32_t __stack_bottom[], __stack_top[];

#define TINYAOT_STACK_PATTERN 0xA5A5A5A5u
/* Words left untouched below the current stack pointer: this function's own spills stay out. */
#define TINYAOT_PAINT_MARGIN_WORDS 32u

uintptr_t tinyaot_stack_paint(void) {
  uintptr_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  volatile uint32_t* p = __stack_bottom;
  volatile uint32_t* const end = (volatile uint32_t*)(sp & ~(uintptr_t)3u) - TINYAOT_PAINT_MARGIN_WORDS;
  while (p < end) *p++ = TINYAOT_STACK_PATTERN;
  return sp;
}

uintptr_t tinyaot_stack_low_water(void) {
  const volatile uint32_t* p = __stack_bottom;
  while (p < __stack_top && *p == TINYAOT_STACK_PATTERN) ++p;
  return (uintptr_t)p;
}

size_t tinyaot_stack_used(void) { return (size_t)((uintptr_t)__stack_top - tinyaot_stack_low_water()); }

size_t tinyaot_stack_size(void) { return (size_t)((char*)__stack_top - (char*)__stack_bottom); }
