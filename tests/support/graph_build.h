// tinyaot tests: building IR graphs by hand for pass unit tests (no model file): tensors named "t<id>"
// and ops numbered in order, as the reader would make them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "compiler/ir/graph.h"

namespace tinyaot::test {

/// Appends a tensor of `type` and `shape`, per-tensor quantized (scale, zero point) when `scale` > 0;
/// returns its id.
inline int add_tensor(Graph& g, Shape shape, DType type = DType::kInt8, float scale = 0.0f, int64_t zp = 0) {
  Tensor t;
  t.id = static_cast<int>(g.tensors.size());
  t.name = "t" + std::to_string(t.id);
  t.type = type;
  t.shape = std::move(shape);
  if (scale > 0.0f) {
    t.quant.scale = {scale};
    t.quant.zero_point = {zp};
  }
  g.tensors.push_back(std::move(t));
  return g.tensors.back().id;
}

/// Appends an op of kind `def` reading `in` and writing `out`; returns it.
inline Op& add_op(Graph& g, const OpDef& def, std::vector<int> in, std::vector<int> out) {
  Op o;
  o.index = static_cast<int>(g.ops.size());
  o.def = &def;
  o.inputs = std::move(in);
  o.outputs = std::move(out);
  g.ops.push_back(std::move(o));
  return g.ops.back();
}

}  // namespace tinyaot::test
