/* tinyaot board support: stack high-water mark by painting.
 * The stack (from __stack_bottom to __stack_top, see sections.ld) is filled with a pattern; the deepest
 * word no longer holding it tells how much stack was used since the last paint. */
#ifndef TINYAOT_BOARD_STACK_H
#define TINYAOT_BOARD_STACK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Fills the unused part of the stack (below the caller's frame) with the pattern; returns the stack
 *  pointer at the call, so `returned - tinyaot_stack_low_water()` is what later calls used. */
uintptr_t tinyaot_stack_paint(void);
/** Address of the deepest word overwritten since the last paint. */
uintptr_t tinyaot_stack_low_water(void);
/** Bytes between the stack top and the deepest overwritten word since the last paint. */
size_t tinyaot_stack_used(void);
/** Bytes reserved for the stack. */
size_t tinyaot_stack_size(void);

#ifdef __cplusplus
}
#endif

#endif
