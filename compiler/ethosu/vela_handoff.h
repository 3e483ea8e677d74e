// tinyaot Ethos-U: the Vela hand-off (`--emit-vela DIR`).
// Each NPU partition the partition pass chose becomes a .tflite of its own, written by our writer
// (compiler/writer/model_writer.h): the partition's ops in order with their builtin options copied from
// the source model, the constants they use, and the partition's I/O tensors as the graph's inputs and
// outputs, under their original names. Next to them: vela.sh, the exact Vela command line per file for
// the chosen configuration (accelerator, vela.ini system config, memory mode), and NAME_partitions.json
// (the partition report) to map the files back onto the model.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "compiler/ir/graph.h"
#include "passes/partition_report.h"
#include "targets/npu/npu_config.h"

namespace tinyaot {
namespace tfl {
struct Model;
}

namespace ethosu {

/// What --emit-vela wrote.
struct VelaHandoff {
  std::vector<std::string> files;  ///< file names written into the folder, in order
  std::string commands;            ///< the Vela command lines (vela.sh without its header)
};

/// The .tflite bytes of partition `p` of `g`, cut out of `source` (the model `g` was read from).
std::vector<uint8_t> partition_model(const Graph& g, const tfl::Model& source, const PartitionInfo& p,
                                     const std::string& description);

/// File name of partition `index`'s model: "NAME_npu<index>.tflite".
std::string partition_file_name(const std::string& name, int index);

/// Writes every partition of `summary` (for `npu`) into `dir` (created if needed) with vela.sh and
/// NAME_partitions.json. `model_path` is the source model. Throws Error(kIo) naming a file it cannot
/// write, Error(kUsage) for a Vela-compiled model (nothing left to hand off).
VelaHandoff write_vela_handoff(const Graph& g, const std::string& model_path, const PartitionSummary& summary,
                               const NpuConfig& npu, const std::string& dir, const std::string& name);

}  // namespace ethosu
}  // namespace tinyaot
