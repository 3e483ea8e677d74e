// tinyaot: supported-ops document generator.
#include "compiler/docs/supported_ops.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "compiler/ops/registry.h"

namespace tinyaot {

std::string supported_ops_markdown() {
  std::vector<const OpDef*> ops = all_ops();
  std::sort(ops.begin(), ops.end(), [](const OpDef* a, const OpDef* b) { return a->name() < b->name(); });
  std::string s =
      "# Supported operators\n\n"
      "Generated from the op registry (`compiler/ops/op_list.h`) by `tinyaot_gen_supported_ops`; a test fails when\n"
      "this file is stale. Every operator listed is bit-exact with TensorFlow Lite Micro's reference kernels for the\n"
      "types and constraints given; anything else is rejected at compile time with the op index and the reason.\n\n";
  s += fmt::format("{} builtin operators.\n\n", ops.size());
  s += "| operator | builtin code | types and constraints |\n| --- | --- | --- |\n";
  for (const OpDef* d : ops) {
    std::string summary(d->summary());
    std::replace(summary.begin(), summary.end(), '|', '/');
    s += fmt::format("| `{}` | {} | {} |\n", d->name(), d->builtin_code(), summary);
  }
  return s;
}

}  // namespace tinyaot
