// tinyaot: the op registry, built from the one list in op_list.h.
#pragma once

#include <vector>

#include "compiler/ops/op_def.h"

namespace tinyaot {

/// The definition for a TFLite builtin code, or nullptr when we do not support it.
const OpDef* find_op(int builtin_code);
/// All registered ops, in op_list.h order.
const std::vector<const OpDef*>& all_ops();
/// TFLite's name for any builtin code ("UNIDIRECTIONAL_SEQUENCE_LSTM"), supported or not.
const char* builtin_name(int builtin_code);

}  // namespace tinyaot
