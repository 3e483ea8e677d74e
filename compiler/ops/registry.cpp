// tinyaot: the op registry, expanded from the single list in op_list.h.
#include "compiler/ops/registry.h"

#include <map>

namespace tinyaot {

#define TINYAOT_OP(Name) const OpDef& op_##Name();
#include "compiler/ops/op_list.h"
#undef TINYAOT_OP

const std::vector<const OpDef*>& all_ops() {
  static const std::vector<const OpDef*> ops = {
#define TINYAOT_OP(Name) &op_##Name(),
#include "compiler/ops/op_list.h"
#undef TINYAOT_OP
  };
  return ops;
}

const OpDef* find_op(int builtin_code) {
  static const std::map<int, const OpDef*> by_code = [] {
    std::map<int, const OpDef*> m;
    for (const OpDef* d : all_ops()) m[d->builtin_code()] = d;
    return m;
  }();
  auto it = by_code.find(builtin_code);
  return it == by_code.end() ? nullptr : it->second;
}

#define TINYAOT_CUSTOM_OP(Name) const CustomOpDef& custom_op_##Name();
#include "compiler/ops/custom_op_list.h"
#undef TINYAOT_CUSTOM_OP

const CustomOpDef* find_custom_op(std::string_view custom_code) {
  static const std::vector<const CustomOpDef*> ops = {
#define TINYAOT_CUSTOM_OP(Name) &custom_op_##Name(),
#include "compiler/ops/custom_op_list.h"
#undef TINYAOT_CUSTOM_OP
  };
  for (const CustomOpDef* d : ops)
    if (d->custom_code() == custom_code) return d;
  return nullptr;
}

}  // namespace tinyaot
