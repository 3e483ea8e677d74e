// tinyaot bench: one measured (model, board) row and its Markdown / JSON rendering next to TFLM's figures.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bench/cortexm/anchors.h"
#include "targets/boards.h"
#include "targets/boards/host/firmware.h"
#include "targets/boards/host/linkmap.h"

namespace tinyaot::bench {

/// What the bench measured for one model on one board.
struct Row {
  std::string model;
  const BoardInfo* board = nullptr;
  KernelIsa kernels = KernelIsa::kGeneric;  ///< kernel family used
  std::string status = "not run";  ///< "ok", "unsupported", "compile failed", "build failed", ...
  std::string detail;              ///< error text when not ok
  std::uint64_t macs = 0;          ///< kMacs of the generated header
  std::uint64_t insns = 0;         ///< instructions of one invoke() (seed 1)
  std::uint64_t arena = 0;         ///< kArenaSize
  std::uint64_t stack_invoke = 0;  ///< stack below the caller's frame during invoke()
  std::uint64_t stack_program = 0; ///< whole-program stack high-water mark
  bool golden_match = false;
  boards::SizeBreakdown sizes;
  /// With --per-op: instructions of each traced op in execution order (op type, instructions).
  std::vector<std::pair<std::string, std::uint64_t>> per_op;
};

/// "m4" for a board with a Cortex-M4 (the anchors' core names).
std::string core_short_name(const BoardInfo& b);

/// The comparison table (Markdown, with a legend).
std::string markdown_table(const std::vector<Row>& rows, const Anchors& anchors);

/// Everything as JSON: meta (tools, flags), and per row ours + TFLM ref + TFLM CMSIS-NN.
std::string json_report(const std::vector<Row>& rows, const Anchors& anchors, const boards::ArmTools& tools);

}  // namespace tinyaot::bench
