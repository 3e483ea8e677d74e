// tinyaot Ethos-U: the `ethos-u` operator definition: adopt (reader), check, prepare (see ethosu_op.h).
#include "compiler/ethosu/ethosu_op.h"

#include <fmt/format.h>

#include "compiler/ethosu/offline_layout.h"
#include "compiler/ops/custom_op.h"
#include "compiler/support/error.h"

namespace tinyaot {
namespace ethosu {

namespace {

[[noreturn]] void op_fail(const Op& op, ErrorKind kind, const std::string& why, int tensor = -1,
                          const std::string& tensor_name = "") {
  Error e(kind, why);
  e.at_op(op.index, kEthosUCode);
  if (tensor >= 0) e.at_tensor(tensor, tensor_name);
  throw e;
}

/// TFLite does not define custom operators: an `ethos-u` op laid out otherwise than Vela's is one we do
/// not support (maybe another Vela version), not an invalid model.
[[noreturn]] void unsupported_form(const Op& op, const std::string& why, int tensor = -1, const std::string& name = "") {
  op_fail(op, ErrorKind::kUnsupported, "custom operator 'ethos-u' is not supported in this form: " + why, tensor, name);
}

void expect_uint8(const Graph& g, const Op& op, int id, const char* what, bool constant) {
  const Tensor& t = g.tensor(id);
  if (t.type != DType::kUInt8) unsupported_form(op, fmt::format("the {} is {}, not uint8", what, describe(t)), id, t.name);
  if (constant && !t.is_const && t.bytes() > 0)
    unsupported_form(op, fmt::format("the {} has no constant data", what), id, t.name);
  if (!constant && t.is_const)
    unsupported_form(op, fmt::format("the {} is a constant (it should be working memory)", what), id, t.name);
}

std::vector<int> feature_maps(const Op& op) {
  std::vector<int> ids(op.inputs.begin() + 4, op.inputs.end());
  ids.insert(ids.end(), op.outputs.begin(), op.outputs.end());
  return ids;
}

class EthosUOp : public CustomOpDef {
 public:
  std::string_view name() const override { return kEthosUCode; }
  std::string_view custom_code() const override { return kEthosUCode; }
  int builtin_code() const override { return 32; }  // CUSTOM
  std::string_view summary() const override {
    return "Vela command stream: driver call with base addresses in the driver's order, scratch and I/O at "
           "their OfflineMemoryAllocation offsets; header checked against --npu";
  }

  void adopt(const tfl::Model& model, Graph& g, Op& op) const override {
    if (op.inputs.size() < 4 || op.outputs.empty())
      unsupported_form(op, fmt::format("Vela's has the inputs [command stream, read-only data, scratch, "
                                       "scratch_fast, feature maps...] and at least one output; this one has {} "
                                       "inputs, {} outputs",
                                       op.inputs.size(), op.outputs.size()));
    auto a = std::make_shared<EthosUAttrs>();
    a->command_stream = op.inputs[0];
    a->read_only = op.inputs[1];
    a->scratch = op.inputs[2];
    a->scratch_fast = op.inputs[3];
    if (a->command_stream < 0 || a->scratch < 0 || a->scratch_fast < 0)
      unsupported_form(op, "the command stream, scratch and scratch_fast inputs must be present");
    expect_uint8(g, op, a->command_stream, "command stream", true);
    if (!g.tensor(a->command_stream).is_const)
      unsupported_form(op, "the command stream has no constant data", a->command_stream);
    if (a->read_only >= 0) expect_uint8(g, op, a->read_only, "read-only data", true);
    expect_uint8(g, op, a->scratch, "scratch area", false);
    expect_uint8(g, op, a->scratch_fast, "scratch_fast area", false);
    op.inputs[2] = op.inputs[3] = -1;  // working memory, written by no operator

    const auto offsets = read_offline_offsets(model, g);
    if (!offsets)
      op_fail(op, ErrorKind::kUnsupported,
              fmt::format("the model has no {} metadata: the NPU's scratch and I/O placement is unknown",
                          kOfflineMetadataName));
    apply_offline_layout(g, *offsets);
    auto offset = [&](int id) { return (*offsets)[static_cast<std::size_t>(id)]; };
    if (offset(a->scratch) < 0)
      op_fail(op, ErrorKind::kUnsupported, "the scratch area has no offline offset", a->scratch,
              g.tensor(a->scratch).name);
    for (int id : feature_maps(op)) {
      // -1 (TFLite's "no tensor") is fine for optional builtin inputs, but the NPU reads every feature map.
      if (id < 0) op_fail(op, ErrorKind::kInvalidModel, "a feature map of the NPU operator is missing (tensor -1)");
      if (offset(id) < 0)
        op_fail(op, ErrorKind::kUnsupported,
                "this feature map has no offline offset (the NPU reaches it through the scratch region)", id,
                g.tensor(id).name);
    }
    a->fast_offline = offset(a->scratch_fast) >= 0;
    op.attrs = std::move(a);
  }

  std::shared_ptr<const Attrs> parse(const tfl::Operator&, const Op& ir_op) const override { return ir_op.attrs; }

  void check(const Graph& g, const Op& op) const override {
    const int n = static_cast<int>(base_address_tensors(op).size());
    if (n > kMaxBaseAddresses)
      op_fail(op, ErrorKind::kUnsupported,
              fmt::format("{} base addresses (read-only data, scratch, scratch_fast, {} inputs, {} outputs); the "
                          "driver takes at most {}",
                          n, op.inputs.size() - 4, op.outputs.size(), kMaxBaseAddresses));
    (void)op_header(g, op);
  }

  std::shared_ptr<const Prepared> prepare(const Graph& g, const Op& op) const override {
    auto p = std::make_shared<EthosUPrepared>();
    p->header = op_header(g, op);
    return p;
  }

  std::size_t scratch_bytes(const Graph& g, const Op& op) const override {
    const auto& a = op.attrs_as<EthosUAttrs>();
    return a.fast_offline ? 0 : g.tensor(a.scratch_fast).bytes();
  }

  void emit(EmitContext& e, const Graph& g, const Op& op) const override { emit_ethosu(e, g, op); }
};

}  // namespace

std::string EthosUAttrs::dump() const {
  return fmt::format("command_stream=t{} read_only=t{} scratch=t{} scratch_fast=t{}{}", command_stream, read_only,
                     scratch, scratch_fast, fast_offline ? "" : "(op scratch)");
}

bool is_ethosu_op(const Op& op) { return op.def && op.def->name() == kEthosUCode; }

Cop1Header op_header(const Graph& g, const Op& op) {
  const Tensor& cms = g.tensor(op.attrs_as<EthosUAttrs>().command_stream);
  try {
    return parse_cop1(cms.data);
  } catch (Error& e) {
    e.at_op(op.index, kEthosUCode).at_tensor(cms.id, cms.name);
    throw;
  }
}

void check_header_matches(const Graph& g, const Op& op, const NpuConfig& npu) {
  const Cop1Header h = op_header(g, op);
  const std::string diff = header_mismatch(h, npu);
  if (diff.empty()) return;
  throw Error(ErrorKind::kUsage,
              fmt::format("the command stream was compiled by Vela for {}, but --npu is {} ({}); compile with "
                          "--npu {} or run Vela again for {}",
                          header_config_name(h), npu.name, diff, header_config_name(h), npu.name))
      .at_op(op.index, kEthosUCode)
      .in_file(g.source);
}

std::vector<int> base_address_tensors(const Op& op) {
  const auto& a = op.attrs_as<EthosUAttrs>();
  std::vector<int> ids = {a.read_only, a.scratch, a.fast_offline ? a.scratch_fast : -2};
  ids.insert(ids.end(), op.inputs.begin() + 4, op.inputs.end());
  ids.insert(ids.end(), op.outputs.begin(), op.outputs.end());
  return ids;
}

}  // namespace ethosu

const CustomOpDef& custom_op_EthosU() {
  static const ethosu::EthosUOp op;
  return op;
}

}  // namespace tinyaot
