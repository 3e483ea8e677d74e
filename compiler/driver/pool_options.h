// tinyaot: checking the memory-pool and section options (--pool, --weights-section) before compiling.
#pragma once

#include "compiler/driver/driver.h"

namespace tinyaot {

/// Throws Error(kUsage) when the pools or sections of `opts` are malformed or combined with an option
/// that does not support them (--npu, --c-api, --max-arena).
void check_pool_options(const CompileOptions& opts);

}  // namespace tinyaot
