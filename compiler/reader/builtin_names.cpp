// tinyaot: TFLite's names of the builtin operator codes, taken from our schema (the one place that lists
// them), so messages can name operators we do not support.
#include "compiler/ops/registry.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

const char* builtin_name(int builtin_code) {
  const auto lo = static_cast<int>(tfl::BuiltinOperator::MIN);
  const auto hi = static_cast<int>(tfl::BuiltinOperator::MAX);
  if (builtin_code < lo || builtin_code > hi) return "UNKNOWN";
  const char* name = tfl::EnumNameBuiltinOperator(static_cast<tfl::BuiltinOperator>(builtin_code));
  return (name && *name) ? name : "UNKNOWN";
}

}  // namespace tinyaot
