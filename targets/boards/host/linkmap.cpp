// tinyaot board tools (host side): a small reader for GNU ld maps. After "Linker script and memory map",
// an output section starts in column 0 (".text  0xADDR  0xSIZE"), an input section in column 1
// (" .text.foo  0xADDR  0xSIZE  file.o"); a long input section name puts address, size and file on the
// next line.
#include "targets/boards/host/linkmap.h"

#include <fstream>
#include <sstream>
#include <vector>

namespace tinyaot::boards {
namespace {

enum class Origin { kModel, kWeights, kSupport };

Origin origin_of(const std::string& file, const std::string& name) {
  std::string base = file;
  if (const auto slash = base.find_last_of('/'); slash != std::string::npos) base = base.substr(slash + 1);
  if (base == name + "_weights.o") return Origin::kWeights;
  if (base == name + ".o") return Origin::kModel;
  return Origin::kSupport;
}

bool is_flash_only(const std::string& out) {
  return out == ".text" || out == ".ARM.exidx" || out == ".rodata" || out == ".iplt" || out == ".rel.dyn";
}

std::size_t hex(const std::string& s) { return static_cast<std::size_t>(std::stoull(s, nullptr, 16)); }

}  // namespace

SizeBreakdown parse_link_map(const std::filesystem::path& map, const std::string& name) {
  SizeBreakdown b;
  std::ifstream f(map);
  if (!f) return b;
  std::string line, out_section, pending;
  bool in_map = false;
  while (std::getline(f, line)) {
    if (!in_map) {
      in_map = line.rfind("Linker script and memory map", 0) == 0;
      continue;
    }
    if (line.empty()) continue;
    std::istringstream w(line);
    std::vector<std::string> t;
    for (std::string s; w >> s;) t.push_back(s);
    if (line[0] == '.') {  // output section header
      out_section = t[0];
      pending.clear();
      if (t.size() >= 3 && t[1].rfind("0x", 0) == 0 && t[2].rfind("0x", 0) == 0) {
        const std::size_t size = hex(t[2]);
        if (is_flash_only(out_section) || out_section == ".data") b.flash_total += size;
        if (out_section == ".stack") b.stack_reserved = size;
      }
      continue;
    }
    if (line[0] != ' ') continue;
    // Input section: on one line, or the name alone and the numbers on the next.
    if (line.size() > 1 && line[1] != ' ' && line[1] != '*') {
      if (t.size() == 1) {
        pending = t[0];
        continue;
      }
      if (t.size() < 4 || t[1].rfind("0x", 0) != 0) continue;
      pending = t[0];
      t.erase(t.begin());
    } else if (pending.empty() || t.size() < 3 || t[0].rfind("0x", 0) != 0 || t[1].rfind("0x", 0) != 0) {
      pending.clear();
      continue;
    }
    const std::string section = pending;
    pending.clear();
    std::size_t size = hex(t[1]);
    std::string file = t[2];
    for (std::size_t i = 3; i < t.size(); ++i) file += " " + t[i];  // paths with spaces
    const Origin o = origin_of(file, name);
    if (is_flash_only(out_section)) {
      if (o == Origin::kWeights) b.weights += size;
      else if (o == Origin::kModel) (out_section == ".text" ? b.model_code : b.model_const) += size;
      else b.support_flash += size;
    } else if (out_section == ".data" || out_section == ".bss") {
      if (out_section == ".data") (o == Origin::kSupport ? b.support_flash : b.model_const) += size;
      if (o == Origin::kSupport) b.support_ram += size;
      else b.model_ram += size;
    }
    if (out_section == ".bss" && section.find("g_arena") != std::string::npos) {
      b.arena += size;
      b.support_ram -= size;
    }
  }
  b.ok = in_map && b.flash_total > 0;
  return b;
}

}  // namespace tinyaot::boards
