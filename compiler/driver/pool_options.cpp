// tinyaot: --pool NAME:BYTES[:SECTION] and --weights-section (see pool_options.h, docs/cli.md).
// Names end up in the generated code (a struct field, a macro, a section attribute), so only characters
// that cannot break it are accepted.
#include "compiler/driver/pool_options.h"

#include <fmt/format.h>

#include <cctype>
#include <set>
#include <string_view>

#include "compiler/support/error.h"

namespace tinyaot {

namespace {

/// Linker section names: letters, digits and "._$" (".dtcm", ".bss.sram", "$$ram").
bool valid_section(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("._$").find(c) == std::string_view::npos)
      return false;
  return true;
}

std::size_t parse_bytes(const std::string& text, const std::string& spec) {
  std::size_t digits = 0, value = 0;
  for (; digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])); ++digits) {
    if (value > (static_cast<std::size_t>(1) << 40)) throw Error(ErrorKind::kUsage, "--pool " + spec + ": BYTES is too big");
    value = value * 10 + static_cast<std::size_t>(text[digits] - '0');
  }
  const std::string_view unit = std::string_view(text).substr(digits);
  if (digits == 0 || unit.size() > 1) throw Error(ErrorKind::kUsage, "--pool " + spec + ": BYTES must be a number (k/M suffix allowed)");
  if (unit == "k" || unit == "K") return value * 1024;
  if (unit == "m" || unit == "M") return value * 1024 * 1024;
  if (!unit.empty()) throw Error(ErrorKind::kUsage, "--pool " + spec + ": unknown unit '" + std::string(unit) + "'");
  return value;
}

}  // namespace

MemoryPool parse_pool(const std::string& spec) {
  const std::size_t a = spec.find(':');
  if (a == std::string::npos) throw Error(ErrorKind::kUsage, "--pool " + spec + ": expected NAME:BYTES[:SECTION]");
  const std::size_t b = spec.find(':', a + 1);
  MemoryPool p;
  p.name = spec.substr(0, a);
  p.capacity = parse_bytes(spec.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1), spec);
  if (b != std::string::npos) p.section = spec.substr(b + 1);
  if (p.name.empty() || sanitize_identifier(p.name) != p.name)
    throw Error(ErrorKind::kUsage, "--pool " + spec + ": NAME must be a C identifier (letters, digits, '_')");
  if (p.capacity == 0) throw Error(ErrorKind::kUsage, "--pool " + spec + ": BYTES must be more than 0");
  if (b != std::string::npos && !valid_section(p.section))
    throw Error(ErrorKind::kUsage, "--pool " + spec + ": SECTION may hold only letters, digits and . _ $");
  return p;
}

void check_pool_options(const CompileOptions& opts) {
  if (!opts.weights_section.empty() && !valid_section(opts.weights_section))
    throw Error(ErrorKind::kUsage, "--weights-section " + opts.weights_section +
                                       ": a section name may hold only letters, digits and . _ $");
  if (opts.pools.empty()) return;
  std::set<std::string> names;  // upper-cased: the names also appear in upper-case macro names
  for (const MemoryPool& p : opts.pools) {
    std::string upper;
    for (char c : p.name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!names.insert(upper).second)
      throw Error(ErrorKind::kUsage, fmt::format("--pool {}: two pools have the same name (ignoring case)", p.name));
    if (p.name.empty() || sanitize_identifier(p.name) != p.name || p.capacity == 0 ||
        (!p.section.empty() && !valid_section(p.section)))
      throw Error(ErrorKind::kUsage, fmt::format("--pool {}: bad name, size or section", p.name));
  }
  if (!opts.npu.empty()) throw Error(ErrorKind::kUsage, "--pool does not support --npu yet (one arena only)");
  if (opts.c_api) throw Error(ErrorKind::kUsage, "--pool does not support --c-api yet (one arena only)");
  if (opts.max_arena_bytes != 0)
    throw Error(ErrorKind::kUsage, "--max-arena and --pool do not go together: each pool's BYTES is its limit");
}

}  // namespace tinyaot
