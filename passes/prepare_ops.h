// tinyaot: pass prepare-ops.
#pragma once

#include "passes/pass.h"

namespace tinyaot {

/// Runs every op's prepare() (TFLite Micro's Prepare, at compile time) and records its scratch needs.
class PrepareOps : public Pass {
 public:
  std::string_view name() const override { return "prepare-ops"; }
  void run(Graph& g, const PassOptions& opts) override;
};

}  // namespace tinyaot
