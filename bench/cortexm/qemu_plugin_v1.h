/* tinyaot bench: the few declarations of QEMU's TCG plugin API (version 1, as in QEMU 7.2) that the
 * instruction counter uses. Debian ships no qemu-plugin.h, so these are written from the public API:
 * the plugin exports qemu_plugin_version and qemu_plugin_install(); QEMU resolves the functions below
 * from its own executable when it loads the plugin. */
#ifndef TINYAOT_QEMU_PLUGIN_V1_H
#define TINYAOT_QEMU_PLUGIN_V1_H

#include <stddef.h>
#include <stdint.h>

#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
#define TINYAOT_QEMU_PLUGIN_VERSION 1

typedef uint64_t qemu_plugin_id_t;

/* System information handed to qemu_plugin_install; only passed through (its layout is not needed). */
typedef struct qemu_info_t qemu_info_t;

/* Opaque handles valid during a translation callback. */
struct qemu_plugin_tb;
struct qemu_plugin_insn;

/* Whether an exec callback reads or writes CPU registers. */
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };

/* Inline operations: code QEMU emits into the translated block itself (no call). */
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };

typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb* tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void* userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void* userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb* tb);
struct qemu_plugin_insn* qemu_plugin_tb_get_insn(const struct qemu_plugin_tb* tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn* insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn* insn, enum qemu_plugin_op op,
                                                void* ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn* insn, qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags, void* userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void* userdata);

#endif
