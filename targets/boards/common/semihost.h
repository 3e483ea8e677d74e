/* tinyaot board support: Arm semihosting (the debugger/emulator services behind `bkpt 0xAB`).
 * Enough for a test or benchmark harness: host files (read inputs, write outputs), console text, the
 * command line (QEMU: -kernel path plus -append text) and an exit status the emulator returns.
 * No heap, no stdio: every call is one trap into QEMU (or an FVP/debugger with semihosting enabled). */
#ifndef TINYAOT_BOARD_SEMIHOST_H
#define TINYAOT_BOARD_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Open modes (ISO C fopen modes as semihosting numbers). */
enum { SH_MODE_RB = 1, SH_MODE_WB = 5 };

/** Opens a host file; returns a handle >= 0 or -1. ":tt" with SH_MODE_WB is the host's stdout. */
int sh_open(const char* path, int mode);
/** Closes a handle; 0 on success. */
int sh_close(int handle);
/** Writes len bytes; returns the number of bytes NOT written (0 on success). */
size_t sh_write(int handle, const void* data, size_t len);
/** Reads up to len bytes; returns the number of bytes NOT read (0 when len bytes arrived). */
size_t sh_read(int handle, void* data, size_t len);
/** Length of an open file in bytes, or -1. */
long sh_flen(int handle);
/** Copies the command line (NUL-terminated) into buf; returns 0 on success. */
int sh_get_cmdline(char* buf, size_t len);
/** Ends the program; the emulator exits with `code` (SYS_EXIT_EXTENDED). */
void sh_exit(int code) __attribute__((noreturn));

/** Console output on the host's stdout (opened once, lazily). */
void sh_puts(const char* s);
void sh_put_dec(uint64_t v);
void sh_put_hex(uint32_t v);
/** Console output on the host's stderr (SYS_WRITE0), for faults: needs no open handle. */
void sh_err(const char* s);

#ifdef __cplusplus
}
#endif

#endif
