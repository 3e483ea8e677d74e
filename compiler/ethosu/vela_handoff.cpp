// tinyaot Ethos-U: writing the Vela hand-off (see vela_handoff.h).
#include "compiler/ethosu/vela_handoff.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "compiler/ethosu/options_copy.h"
#include "compiler/reader/tflite_subset_generated.h"
#include "compiler/support/error.h"
#include "compiler/writer/model_writer.h"

namespace tinyaot::ethosu {

namespace {

namespace fs = std::filesystem;

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIo, fmt::format("cannot read the model for the Vela hand-off: {}", std::strerror(errno))).in_file(path);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& p, const void* data, std::size_t size) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  if (out) out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) throw Error(ErrorKind::kIo, fmt::format("cannot write the Vela hand-off file: {}", std::strerror(errno))).in_file(p.string());
}

/// Copies tensors of the source model into the writer on first use, keeping names, types, shapes,
/// quantization and constant data.
class TensorCopier {
 public:
  TensorCopier(const Graph& g, const tfl::SubGraph& src, ModelWriter& w) : g_(g), src_(src), w_(w) {}
  int map(int id) {
    if (id < 0) return -1;
    if (auto it = ids_.find(id); it != ids_.end()) return it->second;
    const Tensor& t = g_.tensor(id);
    const tfl::TensorType type = src_.tensors()->Get(static_cast<flatbuffers::uoffset_t>(id))->type();
    const int nid = t.is_const ? w_.add_const(t.name, type, t.shape, t.data, t.quant) : w_.add_tensor(t.name, type, t.shape, t.quant);
    w_.tensor(nid).is_variable = t.is_variable;
    ids_[id] = nid;
    return nid;
  }
  std::vector<int32_t> map_all(const std::vector<int>& ids) {
    std::vector<int32_t> out;
    for (int id : ids) out.push_back(map(id));
    return out;
  }

 private:
  const Graph& g_;
  const tfl::SubGraph& src_;
  ModelWriter& w_;
  std::map<int, int> ids_;
};

}  // namespace

std::string partition_file_name(const std::string& name, int index) { return fmt::format("{}_npu{}.tflite", name, index); }

std::vector<uint8_t> partition_model(const Graph& g, const tfl::Model& source, const PartitionInfo& p,
                                     const std::string& description) {
  const tfl::SubGraph& sg = *source.subgraphs()->Get(0);
  ModelWriter w;
  w.set_description(description);
  TensorCopier tensors(g, sg, w);
  const std::vector<int32_t> inputs = tensors.map_all(p.inputs);
  for (int step : p.steps) {
    const Op& op = g.ops[static_cast<std::size_t>(step)];
    const tfl::Operator& src = *sg.operators()->Get(static_cast<flatbuffers::uoffset_t>(op.index));
    const tfl::OperatorCode& code = *source.operator_codes()->Get(src.opcode_index());
    const int builtin = std::max<int>(code.deprecated_builtin_code(), static_cast<int>(code.builtin_code()));
    ModelSpec::Operator o;
    o.opcode_index = static_cast<uint32_t>(w.op_code(builtin, "", code.version()));
    o.inputs = tensors.map_all(op.inputs);
    o.outputs = tensors.map_all(op.outputs);
    o.options = copy_builtin_options(src);
    w.spec().subgraphs[0].operators.push_back(std::move(o));
  }
  w.set_inputs(inputs);
  w.set_outputs(tensors.map_all(p.outputs));
  return w.finish();
}

VelaHandoff write_vela_handoff(const Graph& g, const std::string& model_path, const PartitionSummary& summary,
                               const NpuConfig& npu, const std::string& dir, const std::string& name) {
  if (summary.vela)
    throw Error(ErrorKind::kUsage, "--emit-vela: the model was compiled by Vela already; there is nothing to hand off");
  std::vector<uint8_t> bytes = read_bytes(model_path);
  // Flatbuffer accessors read in place: an 8-byte aligned copy (vector<uint64_t> storage).
  std::vector<uint64_t> aligned((bytes.size() + 7) / 8);
  std::memcpy(aligned.data(), bytes.data(), bytes.size());
  const tfl::Model& source = *tfl::GetModel(aligned.data());

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot create the --emit-vela folder: " + ec.message()).in_file(dir);
  VelaHandoff h;
  for (const PartitionInfo& p : summary.partitions) {
    const std::string file = partition_file_name(name, p.index);
    const std::string desc = fmt::format("tinyaot NPU partition {} of {} for {} (model ops {}..{})", p.index,
                                         fs::path(model_path).filename().string(), npu.name,
                                         g.ops[static_cast<std::size_t>(p.steps.front())].index,
                                         g.ops[static_cast<std::size_t>(p.steps.back())].index);
    const std::vector<uint8_t> model = partition_model(g, source, p, desc);
    write_file(fs::path(dir) / file, model.data(), model.size());
    h.files.push_back(file);
    h.commands += vela_command(npu, file, "vela_out") + "\n";
  }
  // The ops left on the CPU are in no file (so Vela needs no --ignore-ops); listing them with their
  // reasons lets whoever runs Vela see the whole split without the JSON.
  std::string cpu_ops;
  for (int step : summary.cpu_steps) {
    const Op& op = g.ops[static_cast<std::size_t>(step)];
    cpu_ops += fmt::format("#   op {} {}: {}\n", op.index, op.type(), op.placement_reason);
  }
  const std::string script = fmt::format(
      "#!/bin/sh\n# Vela commands for the NPU partitions of {} ({}), written by tinyaot --emit-vela.\n"
      "# Run from this folder; vela.ini is the one shipped with Vela.{}\n"
      "# Left on the CPU (tinyaot's kernels; in no file below): {}\n{}set -e\n{}",
      fs::path(model_path).filename().string(), npu.name,
      summary.partitions.empty() ? "\n# No op was placed on the NPU: nothing to run." : "",
      summary.cpu_steps.empty() ? "none" : std::to_string(summary.cpu_steps.size()) + " op(s)", cpu_ops, h.commands);
  write_file(fs::path(dir) / "vela.sh", script.data(), script.size());
  h.files.push_back("vela.sh");
  const std::string report = partition_report_json(g, summary).dump(1) + "\n";
  write_file(fs::path(dir) / (name + "_partitions.json"), report.data(), report.size());
  h.files.push_back(name + "_partitions.json");
  return h;
}

}  // namespace tinyaot::ethosu
