// tinyaot Ethos-U: the header of a Vela command stream ("COP1" custom operator payload).
// Layout (little-endian 32-bit words, as the Ethos-U driver reads it): the fourcc "COP1"; driver actions,
// each a word whose low byte is the action (1 optimizer config, 2 command stream, 5 NOP) and whose high
// 16 bits are its data. The optimizer config action is followed by the config word (bits 0-3 log2 MACs
// per cycle, 4-7 command stream version, 8-15 SHRAM KB, 27 custom DMA, 28-31 product: 0 U55, 1 U65,
// 2 U85) and the id word (arch major.minor.patch in bits 28-31, 20-27, 16-19). The command stream action
// carries its length in words; the register commands follow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "targets/npu/npu_config.h"

namespace tinyaot::ethosu {

/// What the header says about the NPU a stream was compiled for.
struct Cop1Header {
  uint32_t config_word = 0;
  int macs_per_cc_log2 = 0;
  int cmd_stream_version = 0;
  int shram_kb = 0;
  int product = 0;             ///< 0 U55, 1 U65, 2 U85
  bool custom_dma = false;
  int arch_major = 0, arch_minor = 0, arch_patch = 0;
  int optimizer_release = 0, optimizer_patch = 0;
  bool has_config = false;     ///< an optimizer config action was present
  std::size_t command_words = 0;  ///< total length of the command stream actions, in words
};

/// Parses and checks a command stream: fourcc, known actions, lengths inside the payload, size a multiple
/// of 4. Throws Error(kInvalidModel) with the reason (the caller adds the location).
Cop1Header parse_cop1(std::span<const uint8_t> payload);

/// The `--npu` style name the header describes, e.g. "ethos-u55-256" ("ethos-u?-N" for unknown products).
std::string header_config_name(const Cop1Header& h);

/// Empty when the header matches `npu` (product, MACs per cycle, command stream version, arch major);
/// otherwise the differences, e.g. "product U55 vs U65, MACs 256 vs 128".
std::string header_mismatch(const Cop1Header& h, const NpuConfig& npu);

/// A minimal well-formed stream for `npu` whose command-stream action carries `commands` (used by tests
/// and by stand-ins to describe work that is not real NPU register commands).
std::vector<uint8_t> make_cop1(const NpuConfig& npu, std::span<const uint32_t> commands);

}  // namespace tinyaot::ethosu
