// tinyaot Ethos-U: parsing and writing command-stream headers (see cop1.h).
#include "compiler/ethosu/cop1.h"

#include <fmt/format.h>

#include "compiler/support/error.h"

namespace tinyaot::ethosu {

namespace {

constexpr uint32_t kFourcc = 0x31504F43;  // "COP1" read as a little-endian word
enum Action : uint32_t { kOptimizerConfig = 1, kCommandStream = 2, kReadApbReg = 3, kDumpShram = 4, kNop = 5 };

[[noreturn]] void bad(const std::string& why) {
  throw Error(ErrorKind::kInvalidModel, "the ethos-u command stream is malformed: " + why);
}

uint32_t word_at(std::span<const uint8_t> p, std::size_t i) {
  const uint8_t* b = p.data() + 4 * i;
  return uint32_t{b[0]} | uint32_t{b[1]} << 8 | uint32_t{b[2]} << 16 | uint32_t{b[3]} << 24;
}

std::string_view product_name(int product) {
  switch (product) {
    case 0: return "U55";
    case 1: return "U65";
    case 2: return "U85";
    default: return "U?";
  }
}

}  // namespace

Cop1Header parse_cop1(std::span<const uint8_t> p) {
  if (p.size() < 8) bad(fmt::format("{} bytes is too short", p.size()));
  if (p.size() % 4 != 0) bad(fmt::format("{} bytes is not a multiple of 4", p.size()));
  const std::size_t n = p.size() / 4;
  if (word_at(p, 0) != kFourcc) bad(fmt::format("it does not start with \"COP1\" (word 0x{:08x})", word_at(p, 0)));
  Cop1Header h;
  bool have_stream = false;
  for (std::size_t i = 1; i < n;) {
    const uint32_t w = word_at(p, i);
    const uint32_t action = w & 0xff, data = w >> 16;
    switch (action) {
      case kOptimizerConfig: {
        if (i + 2 >= n) bad("the optimizer config action is cut off");
        h.has_config = true;
        h.optimizer_release = static_cast<int>(data & 0xf);
        h.optimizer_patch = static_cast<int>((data >> 4) & 0xf);
        h.config_word = word_at(p, i + 1);
        h.macs_per_cc_log2 = static_cast<int>(h.config_word & 0xf);
        h.cmd_stream_version = static_cast<int>((h.config_word >> 4) & 0xf);
        h.shram_kb = static_cast<int>((h.config_word >> 8) & 0xff);
        h.custom_dma = ((h.config_word >> 27) & 1) != 0;
        h.product = static_cast<int>(h.config_word >> 28);
        const uint32_t id = word_at(p, i + 2);
        h.arch_patch = static_cast<int>((id >> 16) & 0xf);
        h.arch_minor = static_cast<int>((id >> 20) & 0xff);
        h.arch_major = static_cast<int>(id >> 28);
        i += 3;
        break;
      }
      case kCommandStream:
        if (i + 1 + data > n)
          bad(fmt::format("a command stream of {} words at word {} runs past the {}-word payload", data, i, n));
        h.command_words += data;
        have_stream = true;
        i += 1 + data;
        break;
      case kReadApbReg: case kDumpShram: case kNop:
        ++i;
        break;
      default:
        bad(fmt::format("unknown driver action {} at word {}", action, i));
    }
  }
  if (!have_stream) bad("it has no command stream action");
  if (!h.has_config) bad("it has no optimizer config action (which NPU was it compiled for?)");
  return h;
}

std::string header_config_name(const Cop1Header& h) {
  std::string family = "?";
  if (h.product >= 0 && h.product <= 2) family = std::string(1, "568"[h.product]) + "5";
  return fmt::format("ethos-u{}-{}", family, 1 << h.macs_per_cc_log2);
}

std::string header_mismatch(const Cop1Header& h, const NpuConfig& npu) {
  std::vector<std::string> diffs;
  if (h.product != npu.product)
    diffs.push_back(fmt::format("product {} vs {}", product_name(h.product), product_name(npu.product)));
  if (h.macs_per_cc_log2 != npu.macs_per_cc_log2)
    diffs.push_back(fmt::format("MACs per cycle {} vs {}", 1 << h.macs_per_cc_log2, 1 << npu.macs_per_cc_log2));
  if (npu.cmd_stream_version >= 0 && h.cmd_stream_version != npu.cmd_stream_version)
    diffs.push_back(fmt::format("command stream version {} vs {}", h.cmd_stream_version, npu.cmd_stream_version));
  if (h.arch_major != npu.arch_major)
    diffs.push_back(fmt::format("architecture {}.{}.{} vs {}.x", h.arch_major, h.arch_minor, h.arch_patch, npu.arch_major));
  return fmt::format("{}", fmt::join(diffs, ", "));
}

std::vector<uint8_t> make_cop1(const NpuConfig& npu, std::span<const uint32_t> commands) {
  if (commands.size() > 0xffff) throw Error(ErrorKind::kInternal, "make_cop1: command stream too long");
  const uint32_t version = npu.cmd_stream_version < 0 ? 0u : static_cast<uint32_t>(npu.cmd_stream_version);
  std::vector<uint32_t> w = {kFourcc, kOptimizerConfig,
                             static_cast<uint32_t>(npu.macs_per_cc_log2) | version << 4 |
                                 static_cast<uint32_t>(npu.shram_kb) << 8 | static_cast<uint32_t>(npu.product) << 28,
                             static_cast<uint32_t>(npu.arch_major) << 28};
  while ((w.size() + 1) % 4 != 0) w.push_back(kNop);  // the commands start 16-byte aligned, as Vela's do
  w.push_back(kCommandStream | static_cast<uint32_t>(commands.size()) << 16);
  w.insert(w.end(), commands.begin(), commands.end());
  std::vector<uint8_t> out;
  for (uint32_t x : w)
    for (int k = 0; k < 4; ++k) out.push_back(static_cast<uint8_t>(x >> (8 * k)));
  return out;
}

}  // namespace tinyaot::ethosu
