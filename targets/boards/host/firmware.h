// tinyaot board tools (host side): build one emitted model into board firmware and run it under QEMU.
// Shared by the QEMU conformance tests (tests/qemu) and the Cortex-M benchmark (bench/cortexm). The
// firmware is the model's emitted sources + targets/boards/common (harness, start-up, semihosting)
// linked with the board's linker script; flags come from the target tables in targets/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "targets/boards.h"
#include "targets/boards/host/process.h"

namespace tinyaot::boards {

/// The cross tools. Overrides: $TINYAOT_ARM_PREFIX (default "arm-none-eabi-"), $TINYAOT_QEMU_ARM.
struct ArmTools {
  std::string gcc, gxx, size, qemu;
  std::string nm;       ///< optional (benchmarks only)
  std::string missing;  ///< names of the tools not found ("" when all are there)
  bool ok() const { return missing.empty(); }
};

/// Looks the tools up in PATH.
ArmTools find_arm_tools();

/// What to build.
struct FirmwareOptions {
  const BoardInfo* board = nullptr;
  std::filesystem::path model_dir;   ///< the compiler's output folder
  std::string name;                  ///< model namespace / file stem
  std::filesystem::path work_dir;    ///< objects, ELF and map go here (created)
  std::filesystem::path boards_dir;  ///< targets/boards of the source tree
  std::string opt = "-O2";
  std::vector<std::string> extra_flags;  ///< e.g. -DTINYAOT_... for every compile
  std::vector<std::string> link_flags;   ///< e.g. -Wl,--defsym=__flash_budget=1048576
};

/// Result of a build: the ELF and its link map, or the failing command and its output.
struct Firmware {
  bool ok = false;
  std::filesystem::path elf, map;
  std::string log;  ///< commands and compiler output of the failing step
};

/// Compiles and links. Never throws for compiler errors (see Firmware::log).
Firmware build_firmware(const ArmTools& tools, const FirmwareOptions& opt);

/// Command line of QEMU for a board (without -kernel/-append): no display, semihosting on.
std::vector<std::string> qemu_command(const ArmTools& tools, const BoardInfo& board);

/// Runs the firmware with semihosting arguments `args` (files relative to `cwd`).
ProcessResult run_firmware(const ArmTools& tools, const BoardInfo& board, const std::filesystem::path& elf,
                           const std::vector<std::string>& args, const std::filesystem::path& cwd,
                           double timeout_s, const std::vector<std::string>& extra_qemu_args = {});

/// Address of a global symbol of an ELF (via nm; Thumb bit cleared), 0 if absent.
std::uint64_t symbol_address(const ArmTools& tools, const std::filesystem::path& elf, const std::string& symbol);

/// Value of a "key N ..." line the harness printed (the first number after `key`); -1 if absent.
long long harness_value(const std::string& out, const std::string& key, int field = 0);

/// A short text for a failed run: exit status, timeout, stderr (fault report) and stdout.
std::string describe_run(const ProcessResult& r);

}  // namespace tinyaot::boards
