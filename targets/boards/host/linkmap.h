// tinyaot board tools (host side): flash and RAM use by origin, from a GNU ld link map.
// Origins: the model's generated code (NAME.o, kernels inlined into it), its weights (NAME_weights.o),
// the board support (harness, start-up, semihosting: tinyaot_board_*.o) and the C/C++ libraries.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace tinyaot::boards {

/// Bytes by origin. Flash = code + constants + the .data image; RAM = .data + .bss + stack.
struct SizeBreakdown {
  std::size_t model_code = 0;     ///< .text of the model (generated invoke() with its kernels)
  std::size_t model_const = 0;    ///< .rodata/.data of the model other than weights (parameter structs)
  std::size_t weights = 0;        ///< .rodata of NAME_weights.o (weights, biases, multipliers, shifts)
  std::size_t support_flash = 0;  ///< board support + libraries: code, constants, .data image
  std::size_t flash_total = 0;    ///< every loadable output section in flash, padding included
  std::size_t model_ram = 0;      ///< .data/.bss of the model objects (normally 0: state is in the arena)
  std::size_t support_ram = 0;    ///< .data/.bss of board support and libraries (arena excluded)
  std::size_t arena = 0;          ///< the harness's arena buffer (a .bss symbol of the harness)
  std::size_t stack_reserved = 0; ///< size of the .stack section
  bool ok = false;
};

/// Parses `map` (written with -Wl,-Map) for the model called `name`. ok=false when unreadable.
SizeBreakdown parse_link_map(const std::filesystem::path& map, const std::string& name);

}  // namespace tinyaot::boards
