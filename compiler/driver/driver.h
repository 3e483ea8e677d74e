// tinyaot: the compile entry point shared by the CLI, the tests and the benchmarks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/memory_pool.h"

namespace tinyaot {

struct CompileOptions {
  std::string model_path;  ///< .tflite file
  std::string out_dir;     ///< folder to write; replaced atomically
  std::string name;        ///< C++ namespace and file stem; default: sanitized model stem
  std::string target = "generic";  ///< CPU target (kernel variants)
  /// Emit a call `void <name>_trace(int tensor_id, const void* data, std::size_t bytes)` after every
  /// op for each of its outputs (the caller defines it); for layer-by-layer debugging.
  bool trace = false;
  std::string dump_after;  ///< pass name ("read" for the IR as read): print the IR to stderr after it
  std::string npu;  ///< --npu: Ethos-U configuration to partition for ("ethos-u55-128"); "" = none
  /// --emit-vela: write each NPU partition as a .tflite, with the Vela command lines, into this folder.
  std::string emit_vela_dir;
  /// --npu-cpu-ops: ops to keep on the CPU (builtin names such as "SOFTMAX", or op indices "#7").
  std::vector<std::string> npu_cpu_ops;
  /// Also emit NAME_c_api.h/.cpp: `extern "C"` wrappers so C firmware can call the model (--c-api).
  bool c_api = false;
  std::string report_json;  ///< write the plan as JSON here (--report); "" = no file
  std::string report_html;  ///< write the HTML memory-plan page here (--report-html); "" = no file
  /// Largest arena the model may need, in bytes (the target's free RAM); 0 = unlimited. A bigger plan
  /// fails with Error(kDoesNotFit) naming the bytes needed and the limit.
  std::size_t max_arena_bytes = 0;
  /// --pool NAME:BYTES[:SECTION]: memory pools, first = fastest (docs/memory.md); empty = one arena.
  std::vector<MemoryPool> pools;  ///< --pool
  std::string weights_section;    ///< --weights-section: linker section of the constant arrays; "" = default
  /// --patch: patch-based execution of the first stages: "auto", "off" or output rows per tile.
  std::string patch = "auto";
  /// Fold a leading NCHW-to-NHWC TRANSPOSE into the first convolution (library knob; tests compare both).
  bool fuse_input_transpose = true;
};

struct CompileResult {
  std::string name;
  std::size_t arena_size = 0;    ///< with pools: the first pool's size
  std::vector<MemoryPool> pools; ///< with pools: each with the size its plan uses
  std::string planner;           ///< the memory planner that won (with pools: "pool:planner,...")
  std::size_t arena_bound = 0;   ///< largest sum of live tensors at one op
  std::size_t weight_bytes = 0;
  std::vector<std::string> files;  ///< written files, relative to out_dir, sorted
  int64_t macs = 0;                ///< multiply-accumulates of one invoke (recomputed halos included)
  int64_t extra_macs = 0;          ///< of which recomputed by patch-based execution (halos)
  std::string report;              ///< the report (compiler/report/report.h) as JSON text
  std::string partition_report;    ///< with --npu: the partition report as text (passes/partition_report.h)
  std::vector<std::string> vela_files;  ///< with --emit-vela: the files written there
};

/// Reads, checks, transforms and emits. Throws Error (with the file set) on any failure; out_dir is then
/// left untouched.
CompileResult compile(const CompileOptions& opts);

/// Parses a --pool value, NAME:BYTES[:SECTION] (BYTES may end in k or K for KiB, m or M for MiB).
/// Throws Error(kUsage) naming what is wrong.
MemoryPool parse_pool(const std::string& spec);

/// "my-model.v2" -> "my_model_v2"; a leading digit gets a "m_" prefix.
std::string sanitize_identifier(const std::string& stem);

}  // namespace tinyaot
