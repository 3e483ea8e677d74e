// tinyaot: the pass interface. A pass is a small class in its own file, listed once in pass_list.h with a
// one-line summary; the pipeline (compiler/driver/pipeline.cpp) runs them in a straight line, verifies
// the IR after each and can dump it (--dump-after=NAME).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/graph.h"

namespace tinyaot {

/// Options a pass may read.
struct PassOptions {
  std::size_t alignment = 16;  ///< arena alignment of every buffer
  std::string npu;             ///< --npu configuration ("" = none); read by the partition pass
  std::string target = "generic";  ///< --target, for the CPU side of the partition cost model
  /// Ops the partition pass must keep on the CPU: builtin names ("SOFTMAX") or op indices ("#7").
  std::vector<std::string> npu_cpu_ops;
  /// --patch: patch-based execution of the first stages (passes/patch_stack.h): "auto" (when it lowers
  /// the arena within max_patch_extra_macs), "off", or a number of output rows per tile (forced).
  std::string patch = "auto";
  /// fuse-input-transpose on (off for --trace: every tensor must then hold its own layout).
  bool fuse_input_transpose = true;
  double max_patch_extra_macs = 0.15;  ///< auto: recomputed MACs allowed, as a share of the model's MACs
};

class Pass {
 public:
  virtual ~Pass() = default;
  /// Command-line name, e.g. "plan-memory".
  virtual std::string_view name() const = 0;
  virtual void run(Graph& g, const PassOptions& opts) = 0;
};

}  // namespace tinyaot
