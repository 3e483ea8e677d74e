// tinyaot: what a custom operator definition adds to OpDef.
// A custom operator is named by its custom_code string ("ethos-u") instead of a builtin code. It may read
// inputs that no operator writes (working memory such as an NPU's scratch area) and model-level metadata,
// so the reader hands it the whole model before its structure checks (adopt()). Registered by one line
// in custom_op_list.h.
#pragma once

#include <string_view>

#include "compiler/ops/op_def.h"

namespace tinyaot {

namespace tfl {
struct Model;  // flatbuffers table generated from compiler/reader/tflite_subset.fbs
}

class CustomOpDef : public OpDef {
 public:
  /// The custom_code of the operator code ("ethos-u").
  virtual std::string_view custom_code() const = 0;
  /// Called by the reader once per operator, right after the operators are read and before the
  /// execution-order checks. May set op.attrs (parse() then keeps them), replace inputs that are only
  /// working memory by -1 (keeping their ids in the attributes) and set memory-plan fields of tensors
  /// that model metadata places. Throws a located Error.
  virtual void adopt(const tfl::Model& model, Graph& g, Op& op) const = 0;
};

}  // namespace tinyaot
