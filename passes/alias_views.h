// tinyaot: pass alias-views.
// A view op (RESHAPE, SQUEEZE, EXPAND_DIMS) only reinterprets its input's bytes, so its output can
// share the input's storage: no copy at run time, no code emitted, and one buffer less to plan.
#pragma once

#include "passes/pass.h"

namespace tinyaot {

/// Points the output of every view op at the storage of its input 0 (Tensor::alias_of), unless the input
/// is a constant or either side is a variable tensor (state must keep a buffer of its own).
class AliasViews : public Pass {
 public:
  std::string_view name() const override { return "alias-views"; }
  void run(Graph& g, const PassOptions& opts) override;
};

/// True when `op` (a view op) may alias its output to input 0; exposed for tests.
bool can_alias_view(const Graph& g, const Op& op);

}  // namespace tinyaot
