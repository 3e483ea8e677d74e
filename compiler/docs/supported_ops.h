// tinyaot: docs/SUPPORTED_OPS.md is generated from the op registry, so it can never drift from the code.
#pragma once

#include <string>

namespace tinyaot {

/// The full text of docs/SUPPORTED_OPS.md for the ops registered in compiler/ops/op_list.h.
std::string supported_ops_markdown();

}  // namespace tinyaot
