// tinyaot: the op registry, built from the one list in op_list.h.
#pragma once

#include <string_view>
#include <vector>

#include "compiler/ops/custom_op.h"
#include "compiler/ops/op_def.h"

namespace tinyaot {

/// The definition for a TFLite builtin code, or nullptr when we do not support it.
const OpDef* find_op(int builtin_code);
/// All registered ops, in op_list.h order.
const std::vector<const OpDef*>& all_ops();
/// The definition for a custom operator code ("ethos-u", from custom_op_list.h), or nullptr.
const CustomOpDef* find_custom_op(std::string_view custom_code);
/// TFLite's name for any builtin code ("UNIDIRECTIONAL_SEQUENCE_LSTM"), supported or not.
const char* builtin_name(int builtin_code);

}  // namespace tinyaot
