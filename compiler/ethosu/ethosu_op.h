// tinyaot Ethos-U: the `ethos-u` custom operator of Vela-compiled models.
// Inputs by Vela's contract: [0] command stream (uint8, constant), [1] read-only data (uint8, constant:
// encoded weights, scales, LUTs), [2] scratch and [3] scratch_fast (uint8, no data: working memory),
// [4..] the input feature maps; outputs: the output feature maps. In the IR, inputs 2 and 3 are -1 (no
// operator writes them, and the structure checks would refuse that) and their ids live in EthosUAttrs.
// The scratch area and the feature maps are placed by the model's OfflineMemoryAllocation
// (offline_layout.h). The emitted code calls the Ethos-U driver through runtime_min/tinyaot_rt/ethosu.h
// with base addresses in the driver's order: read-only data, scratch, scratch_fast, inputs, outputs.
#pragma once

#include <string>

#include "compiler/ethosu/cop1.h"
#include "compiler/ir/graph.h"

namespace tinyaot {
class EmitContext;

namespace ethosu {

/// The custom_code of Vela's operator.
inline constexpr const char* kEthosUCode = "ethos-u";
/// Most base addresses the driver call takes (TFLite Micro's limit).
inline constexpr int kMaxBaseAddresses = 8;
/// What invoke() returns when the driver reports an error or none is free.
inline constexpr int kInvokeNpuFailed = 2;

/// Tensor ids of the operator's parts, from adopt().
struct EthosUAttrs : Attrs {
  int command_stream = -1;
  int read_only = -1;      ///< -1 when the op has no read-only data
  int scratch = -1;
  int scratch_fast = -1;
  bool fast_offline = true;  ///< scratch_fast has an offline offset; otherwise it is this op's scratch
  std::string dump() const override;
};

/// The parsed command-stream header, from prepare().
struct EthosUPrepared : Prepared {
  Cop1Header header;
};

/// True when `op` is an `ethos-u` operator.
bool is_ethosu_op(const Op& op);

/// The header of an `ethos-u` op's command stream (parsed from its constant). Throws a located Error.
Cop1Header op_header(const Graph& g, const Op& op);

/// Throws Error(kUsage) naming both configurations when the op's command stream was compiled for
/// another NPU than `npu`.
void check_header_matches(const Graph& g, const Op& op, const NpuConfig& npu);

/// Base addresses in driver order: tensor ids, with -2 marking the op's own scratch (scratch_fast that
/// has no offline offset).
std::vector<int> base_address_tensors(const Op& op);

/// Appends the driver call of `op` to invoke() (ethosu_emit.cpp).
void emit_ethosu(EmitContext& e, const Graph& g, const Op& op);

}  // namespace ethosu
}  // namespace tinyaot
