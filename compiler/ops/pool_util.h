// tinyaot: what AVERAGE_POOL_2D and MAX_POOL_2D share: options, checks (TFLite Micro's: NHWC int8/int16,
// input and output with the same scale and zero point), padding and activation range, emission.
// The two op files only name their kernel.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "compiler/ops/op_def.h"

namespace tinyaot {

/// One of the two pooling ops; `kernel` is the tinyaot_rt function template (average_pool / max_pool).
class Pool2DOp : public OpDef {
 public:
  Pool2DOp(std::string_view name, int code, std::string_view kernel, std::string_view summary)
      : name_(name), code_(code), kernel_(kernel), summary_(summary) {}

  std::string_view name() const override { return name_; }
  int builtin_code() const override { return code_; }
  std::string_view summary() const override { return summary_; }
  std::shared_ptr<const Attrs> parse(const tfl::Operator& op, const Op& ir_op) const override;
  void check(const Graph& g, const Op& op) const override;
  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override;
  void emit(EmitContext& e, const Graph& g, const Op& op) const override;

 private:
  std::string_view name_;
  int code_;
  std::string_view kernel_;
  std::string_view summary_;
};

}  // namespace tinyaot
