// tinyaot targets: the emulated boards we build firmware for (QEMU machines), as data.
// The memory map itself lives in the board's linker script (targets/boards/<name>.ld); this table names
// the core, the script and the region sizes so host tools can pick flags and check budgets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "targets/cpus.h"

namespace tinyaot {

/// One address range of a board.
struct MemRegion {
  std::uint32_t origin = 0;
  std::size_t length = 0;
};

/// A board: a QEMU machine with one Cortex-M core.
struct BoardInfo {
  std::string_view name;           ///< QEMU -M value, e.g. "mps2-an386"
  std::string_view cpu;            ///< CpuInfo::name of its core
  std::string_view linker_script;  ///< file in targets/boards/
  MemRegion code;                  ///< vector table and .text (reset vector at code.origin)
  MemRegion rodata;                ///< constants and weights (same as code on most boards)
  MemRegion ram;                   ///< stack, .data, .bss (the arena)
  std::string_view note;           ///< one line for docs
};

/// Every supported board.
std::span<const BoardInfo> all_boards();

/// The board called `name`, or nullptr.
const BoardInfo* find_board(std::string_view name);

/// The first board whose core is `cpu` (e.g. "cortex-m4" -> mps2-an386), or nullptr.
const BoardInfo* board_for_cpu(std::string_view cpu);

/// The board's core (always found: the table is checked by the tests).
const CpuInfo& board_cpu(const BoardInfo& board);

}  // namespace tinyaot
