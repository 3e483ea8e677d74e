// tinyaot: pass check-ops.
#pragma once

#include "passes/pass.h"

namespace tinyaot {

/// Calls every op's check(), which throws a located Error for anything we cannot compile exactly.
class CheckOps : public Pass {
 public:
  std::string_view name() const override { return "check-ops"; }
  void run(Graph& g, const PassOptions& opts) override;
};

}  // namespace tinyaot
