// tinyaot targets: docs/SUPPORTED_OPS_NPU.md is generated from the NPU rules and configurations, so the
// document can never drift from what the partition pass does.
#pragma once

#include <string>

namespace tinyaot {

/// The full text of docs/SUPPORTED_OPS_NPU.md.
std::string supported_ops_npu_markdown();

}  // namespace tinyaot
