/* tinyaot board support: semihosting calls (see semihost.h). Operation numbers and parameter blocks are
 * those of Arm's semihosting specification: r0 = operation, r1 = pointer to a block of words. */
#include "semihost.h"

enum {
  SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05, SYS_READ = 0x06,
  SYS_FLEN = 0x0C, SYS_GET_CMDLINE = 0x15, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20
};
/* ADP_Stopped_ApplicationExit: the reason code of a normal exit. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static int32_t sh_call(int32_t op, const void* arg) {
  register int32_t r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  /* "memory": the host reads and writes the blocks and buffers r1 points to. */
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static size_t cstr_len(const char* s) {
  size_t n = 0;
  while (s[n]) ++n;
  return n;
}

int sh_open(const char* path, int mode) {
  const uint32_t block[3] = {(uint32_t)(uintptr_t)path, (uint32_t)mode, (uint32_t)cstr_len(path)};
  return (int)sh_call(SYS_OPEN, block);
}

int sh_close(int handle) {
  const uint32_t block[1] = {(uint32_t)handle};
  return (int)sh_call(SYS_CLOSE, block);
}

size_t sh_write(int handle, const void* data, size_t len) {
  const uint32_t block[3] = {(uint32_t)handle, (uint32_t)(uintptr_t)data, (uint32_t)len};
  return (size_t)(uint32_t)sh_call(SYS_WRITE, block);
}

size_t sh_read(int handle, void* data, size_t len) {
  const uint32_t block[3] = {(uint32_t)handle, (uint32_t)(uintptr_t)data, (uint32_t)len};
  return (size_t)(uint32_t)sh_call(SYS_READ, block);
}

long sh_flen(int handle) {
  const uint32_t block[1] = {(uint32_t)handle};
  return (long)sh_call(SYS_FLEN, block);
}

int sh_get_cmdline(char* buf, size_t len) {
  /* The host overwrites the length word with the length it wrote. */
  uint32_t block[2] = {(uint32_t)(uintptr_t)buf, (uint32_t)len};
  return (int)sh_call(SYS_GET_CMDLINE, block);
}

void sh_exit(int code) {
  /* Plain SYS_EXIT only carries "success" or "failure"; the extended call carries the status. */
  const uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code};
  sh_call(SYS_EXIT_EXTENDED, block);
  sh_call(SYS_EXIT, (const void*)(uintptr_t)ADP_STOPPED_APPLICATION_EXIT);
  for (;;) {
  }
}

static int stdout_handle(void) {
  /* One handle for the program's life; a function-local static would need guard variables. */
  static int handle = -2;
  if (handle == -2) handle = sh_open(":tt", SH_MODE_WB);
  return handle;
}

void sh_puts(const char* s) {
  const int h = stdout_handle();
  if (h >= 0) (void)sh_write(h, s, cstr_len(s));
}

void sh_put_dec(uint64_t v) {
  char buf[21];
  char* p = buf + sizeof buf - 1;
  *p = '\0';
  do {
    *--p = (char)('0' + (int)(v % 10u));
    v /= 10u;
  } while (v != 0u);
  sh_puts(p);
}

void sh_put_hex(uint32_t v) {
  char buf[11] = "0x";
  for (int i = 0; i < 8; ++i) {
    const uint32_t d = (v >> (28 - 4 * i)) & 0xFu;
    buf[2 + i] = (char)(d < 10u ? '0' + (int)d : 'a' + (int)d - 10);
  }
  buf[10] = '\0';
  sh_puts(buf);
}

void sh_err(const char* s) { (void)sh_call(SYS_WRITE0, s); }
