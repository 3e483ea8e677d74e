/* tinyaot bench: a QEMU TCG plugin counting guest instructions between two marker functions.
 *
 *   qemu-system-arm ... -plugin libtinyaot_insn_count.so,begin=0x1234,end=0x1250[,tick=0x1260],out=counts.txt
 *
 * Every translated instruction gets an inline 64-bit add (exact, no call per instruction). The first
 * instruction of each marker gets a callback that snapshots the running total; each begin/end pair
 * becomes one line "region <k> <instructions>" in the output file (stderr without out=). The counts
 * include the call into the end marker and exclude nothing else, so they are identical across runs.
 * With tick=, each execution of that address inside a region adds a line "tick <n> <instructions since
 * the previous tick or the begin marker>" (per-op counts when the harness ticks after every op).
 * Single-core boards only (one counter). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_plugin_v1.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = TINYAOT_QEMU_PLUGIN_VERSION;

static uint64_t g_total;        /* instructions executed so far (inline counter) */
static uint64_t g_begin_total;  /* g_total when the begin marker was entered */
static uint64_t g_begin_addr, g_end_addr, g_tick_addr;
static uint64_t g_last_tick;    /* g_total at the previous tick */
static unsigned g_ticks;
static int g_inside;
static unsigned g_regions;
static FILE* g_out;

static void on_begin(unsigned int vcpu, void* udata) {
  (void)vcpu;
  (void)udata;
  g_begin_total = g_total;
  g_last_tick = g_total;
  g_ticks = 0;
  g_inside = 1;
}

static void on_tick(unsigned int vcpu, void* udata) {
  (void)vcpu;
  (void)udata;
  if (!g_inside) return;
  fprintf(g_out, "tick %u %" PRIu64 "\n", g_ticks++, g_total - g_last_tick);
  g_last_tick = g_total;
}

static void on_end(unsigned int vcpu, void* udata) {
  (void)vcpu;
  (void)udata;
  if (!g_inside) return;
  g_inside = 0;
  fprintf(g_out, "region %u %" PRIu64 "\n", g_regions++, g_total - g_begin_total);
  fflush(g_out);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb* tb) {
  (void)id;
  const size_t n = qemu_plugin_tb_n_insns(tb);
  for (size_t i = 0; i < n; ++i) {
    struct qemu_plugin_insn* insn = qemu_plugin_tb_get_insn(tb, i);
    /* Thumb: the low bit of a function address is the state bit, not part of the address. */
    const uint64_t pc = qemu_plugin_insn_vaddr(insn) & ~(uint64_t)1;
    /* The snapshot callback runs before the inline add of the same instruction. */
    if (pc == g_begin_addr) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_begin, QEMU_PLUGIN_CB_NO_REGS, NULL);
    if (pc == g_end_addr) qemu_plugin_register_vcpu_insn_exec_cb(insn, on_end, QEMU_PLUGIN_CB_NO_REGS, NULL);
    if (g_tick_addr != 0 && pc == g_tick_addr)
      qemu_plugin_register_vcpu_insn_exec_cb(insn, on_tick, QEMU_PLUGIN_CB_NO_REGS, NULL);
    qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &g_total, 1);
  }
}

static void on_qemu_exit(qemu_plugin_id_t id, void* udata) {
  (void)id;
  (void)udata;
  fprintf(g_out, "total %" PRIu64 "\n", g_total);
  if (g_out != stderr) fclose(g_out);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t* info, int argc,
                                           char** argv) {
  (void)info;
  const char* out = NULL;
  for (int i = 0; i < argc; ++i) {
    if (strncmp(argv[i], "begin=", 6) == 0) g_begin_addr = strtoull(argv[i] + 6, NULL, 0) & ~(uint64_t)1;
    else if (strncmp(argv[i], "end=", 4) == 0) g_end_addr = strtoull(argv[i] + 4, NULL, 0) & ~(uint64_t)1;
    else if (strncmp(argv[i], "tick=", 5) == 0) g_tick_addr = strtoull(argv[i] + 5, NULL, 0) & ~(uint64_t)1;
    else if (strncmp(argv[i], "out=", 4) == 0) out = argv[i] + 4;
    else {
      fprintf(stderr, "insn_count: unknown argument %s (begin=ADDR,end=ADDR[,tick=ADDR][,out=FILE])\n", argv[i]);
      return 1;
    }
  }
  if (g_begin_addr == 0 || g_end_addr == 0) {
    fprintf(stderr, "insn_count: begin= and end= addresses are required\n");
    return 1;
  }
  g_out = out ? fopen(out, "w") : stderr;
  if (!g_out) {
    fprintf(stderr, "insn_count: cannot write %s\n", out);
    return 1;
  }
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
  qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
  return 0;
}
