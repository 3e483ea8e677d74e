// tinyaot targets: the table of QEMU boards (memory maps as in QEMU 7.2's `info mtree`).
#include "targets/boards.h"

#include <array>

namespace tinyaot {
namespace {

constexpr std::size_t KiB = 1024;
constexpr std::size_t MiB = 1024 * KiB;

// an505 and an547 reset in Secure state with VTOR = 0x10000000, so their images sit at the Secure
// aliases. On an547 code goes to the ITCM and constants to the QSPI flash (a ROM: stores are ignored),
// as on a real Corstone-300 part; the other boards run everything from SSRAM that QEMU treats as flash.
constexpr std::array<BoardInfo, 4> kBoards = {{
    {"mps2-an386", "cortex-m4", "mps2-an386.ld", {0x00000000u, 4 * MiB}, {0x00000000u, 4 * MiB},
     {0x20000000u, 4 * MiB}, "MPS2 AN386: Cortex-M4 (DSP, FPv4-SP)"},
    {"mps2-an500", "cortex-m7", "mps2-an500.ld", {0x00000000u, 4 * MiB}, {0x00000000u, 4 * MiB},
     {0x20000000u, 4 * MiB}, "MPS2 AN500: Cortex-M7 (DSP, FPv5-DP)"},
    {"mps2-an505", "cortex-m33", "mps2-an505.ld", {0x10000000u, 4 * MiB}, {0x10000000u, 4 * MiB},
     {0x38000000u, 4 * MiB}, "MPS2 AN505: Cortex-M33 (DSP, FPv5-SP, TrustZone; runs Secure)"},
    {"mps3-an547", "cortex-m55", "mps3-an547.ld", {0x10000000u, 512 * KiB}, {0x38000000u, 8 * MiB},
     {0x31000000u, 4 * MiB}, "MPS3 AN547 (Corstone-300): Cortex-M55 (Helium MVE, DSP); code in ITCM, "
                             "constants in QSPI flash"},
}};

}  // namespace

std::span<const BoardInfo> all_boards() { return kBoards; }

const BoardInfo* find_board(std::string_view name) {
  for (const BoardInfo& b : kBoards)
    if (b.name == name) return &b;
  return nullptr;
}

const BoardInfo* board_for_cpu(std::string_view cpu) {
  const CpuInfo* c = find_cpu(cpu);
  if (!c) return nullptr;
  for (const BoardInfo& b : kBoards)
    if (b.cpu == c->name) return &b;
  return nullptr;
}

const CpuInfo& board_cpu(const BoardInfo& board) { return *find_cpu(board.cpu); }

}  // namespace tinyaot
