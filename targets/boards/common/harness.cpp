// tinyaot board support: a generic main() for one emitted model, for tests and benchmarks on a board.
//
//   arm-none-eabi-g++ <cpu flags> -O2 -I OUT -I targets/boards/common -DTINYAOT_MODEL_HEADER=\"NAME.h\"
//       -DTINYAOT_MODEL_NS=NAME OUT/*.cpp harness.cpp startup.c semihost.c stack.c -T <board>.ld ...
//   qemu-system-arm -M <board> ... -kernel fw.elf -append "in_1.bin out_1.bin [in_2.bin out_2.bin ...]"
//
// The host files come through semihosting: each input file holds all inputs concatenated (sizes from
// kInputBytes) and is read straight into the arena; each output file receives all outputs concatenated.
// One reset() + invoke() per pair, between the markers tinyaot_mark_begin()/tinyaot_mark_end() that the
// instruction-counting QEMU plugin (bench/cortexm) watches. Prints on the host's stdout:
//   arena_size <bytes>            kArenaSize
//   stack_used <invoke> <program> <reserved>   stack bytes: below main's frame during invoke() (the
//                                 model's own need), whole program so far, and the reserved size
// Exit status: 0 ok, 2 usage or host I/O, 3 invoke() failed; faults exit 70 (see startup.c).
#include <cstddef>
#include <cstdint>

#include "semihost.h"
#include "stack.h"

#ifndef TINYAOT_MODEL_HEADER
#error "define TINYAOT_MODEL_HEADER, e.g. -DTINYAOT_MODEL_HEADER=\\\"model.h\\\""
#endif
#ifndef TINYAOT_MODEL_NS
#error "define TINYAOT_MODEL_NS, e.g. -DTINYAOT_MODEL_NS=model"
#endif

#include TINYAOT_MODEL_HEADER

namespace model = TINYAOT_MODEL_NS;

namespace {

// The caller owns the arena: static storage in .bss, as an application would do it.
constexpr std::size_t kArenaBytes = model::kArenaSize > 0 ? model::kArenaSize : 1;
alignas(16) alignas(model::kArenaAlignment) unsigned char g_arena[kArenaBytes];

// The command line: "<kernel path> in out [in out ...]".
char g_cmdline[1024];
constexpr int kMaxArgs = 64;

int split_args(char* s, char** argv) {
  int n = 0;
  while (*s && n < kMaxArgs) {
    while (*s == ' ') *s++ = '\0';
    if (!*s) break;
    argv[n++] = s;
    while (*s && *s != ' ') ++s;
  }
  return n;
}

bool read_inputs(const char* path) {
  const int h = sh_open(path, SH_MODE_RB);
  if (h < 0) return false;
  std::size_t total = 0;
  for (int i = 0; i < model::kNumInputs; ++i) total += model::kInputBytes[i];
  bool ok = sh_flen(h) == static_cast<long>(total);
  for (int i = 0; ok && i < model::kNumInputs; ++i) {
    void* dst = model::input(i, g_arena);
    ok = dst != nullptr && sh_read(h, dst, model::kInputBytes[i]) == 0;
  }
  sh_close(h);
  return ok;
}

bool write_outputs(const char* path) {
  const int h = sh_open(path, SH_MODE_WB);
  if (h < 0) return false;
  bool ok = true;
  for (int i = 0; ok && i < model::kNumOutputs; ++i) {
    const void* src = model::output(i, g_arena);
    ok = src != nullptr && sh_write(h, src, model::kOutputBytes[i]) == 0;
  }
  return sh_close(h) == 0 && ok;
}

}  // namespace

// Markers around the measured call. Different bodies (and noipa) keep gcc from folding them into one
// function or dropping the calls; the plugin counts instructions from the first to the second.
extern "C" {
volatile std::uint32_t tinyaot_mark_state;
__attribute__((noinline, noipa, used)) void tinyaot_mark_begin() { tinyaot_mark_state = 1; }
__attribute__((noinline, noipa, used)) void tinyaot_mark_end() { tinyaot_mark_state = 2; }
// Between the markers, one tick per traced tensor (model compiled with --trace, harness with
// -DTINYAOT_TRACE): the plugin's per-op counts.
__attribute__((noinline, noipa, used)) void tinyaot_mark_tick() { tinyaot_mark_state = 3; }
}

#ifdef TINYAOT_TRACE
#define TINYAOT_CAT2(a, b) a##b
#define TINYAOT_CAT(a, b) TINYAOT_CAT2(a, b)
// Called by the generated invoke() after every op for each tensor it produced.
void TINYAOT_CAT(TINYAOT_MODEL_NS, _trace)(int, const void*, std::size_t) { tinyaot_mark_tick(); }
#endif

namespace {

__attribute__((noinline)) int measured_invoke() {
  tinyaot_mark_begin();
  const int rc = model::invoke(g_arena);
  tinyaot_mark_end();
  return rc;
}

}  // namespace

int main() {
  char* argv[kMaxArgs];
  if (sh_get_cmdline(g_cmdline, sizeof g_cmdline) != 0) {
    sh_err("harness: no command line (semihosting SYS_GET_CMDLINE failed)\n");
    return 2;
  }
  const int argc = split_args(g_cmdline, argv);
  if (argc < 3 || (argc - 1) % 2 != 0) {
    sh_err("harness: usage: fw.elf in.bin out.bin [in.bin out.bin ...]\n");
    return 2;
  }
  sh_puts("arena_size ");
  sh_put_dec(model::kArenaSize);
  sh_puts("\n");

  std::size_t stack_used = 0;
  for (int a = 1; a + 1 < argc; a += 2) {
    model::reset(g_arena);
    if (!read_inputs(argv[a])) {
      sh_err("harness: cannot read the inputs (missing file or wrong size): ");
      sh_err(argv[a]);
      sh_err("\n");
      return 2;
    }
    const std::uintptr_t sp = tinyaot_stack_paint();
    const int rc = measured_invoke();
    const std::size_t used = sp - tinyaot_stack_low_water();
    if (used > stack_used) stack_used = used;
    if (rc != 0) {
      sh_err("harness: invoke() failed\n");
      return 3;
    }
    if (!write_outputs(argv[a + 1])) {
      sh_err("harness: cannot write the outputs: ");
      sh_err(argv[a + 1]);
      sh_err("\n");
      return 2;
    }
  }
  sh_puts("stack_used ");
  sh_put_dec(stack_used);
  sh_puts(" ");
  sh_put_dec(tinyaot_stack_used());
  sh_puts(" ");
  sh_put_dec(tinyaot_stack_size());
  sh_puts("\n");
  return 0;
}
