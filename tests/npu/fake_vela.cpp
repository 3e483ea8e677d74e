// tinyaot tests: the Vela-like model builder (see fake_vela.h).
#include "fake_vela.h"

#include <cstring>
#include <map>

#include "compiler/ethosu/cop1.h"
#include "compiler/ethosu/options_copy.h"
#include "compiler/writer/model_writer.h"

namespace tinyaot::npu_test {

std::vector<uint8_t> fake_vela_model(const Graph& g, std::span<const uint8_t> source, const PartitionSummary& s,
                                     const NpuConfig& npu) {
  std::vector<uint64_t> aligned((source.size() + 7) / 8);
  std::memcpy(aligned.data(), source.data(), source.size());
  const tfl::Model& src = *tfl::GetModel(aligned.data());
  const tfl::SubGraph& sg = *src.subgraphs()->Get(0);

  ModelWriter w;
  // Every source tensor keeps its id; the partitions' internal tensors stay, unused.
  for (const Tensor& t : g.tensors) {
    const tfl::TensorType type = sg.tensors()->Get(static_cast<flatbuffers::uoffset_t>(t.id))->type();
    if (t.is_const) w.add_const(t.name, type, t.shape, t.data, t.quant);
    else w.add_tensor(t.name, type, t.shape, t.quant);
  }
  // NPU I/O tensors get distinct offsets in one scratch area shared by all partitions.
  std::map<int, int32_t> io_offset;
  int32_t scratch = 0;
  for (const PartitionInfo& p : s.partitions)
    for (const auto* list : {&p.inputs, &p.outputs})
      for (int id : *list)
        if (!io_offset.count(id)) {
          io_offset[id] = scratch;
          scratch += static_cast<int32_t>((g.tensor(id).bytes() + 15) / 16 * 16);
        }
  scratch = std::max(scratch, 16);
  struct Parts {
    int cms, flash, scratch, fast;
  };
  std::vector<Parts> parts;
  for (const PartitionInfo& p : s.partitions) {
    const uint32_t words[] = {kFakeMagic, static_cast<uint32_t>(p.index)};
    const std::vector<uint8_t> cms = ethosu::make_cop1(npu, words);
    const std::string base = "npu" + std::to_string(p.index) + "_";
    Parts q;
    q.cms = w.add_const(base + "command_stream", tfl::TensorType::UINT8, {static_cast<int32_t>(cms.size())}, cms);
    q.flash = w.add_const(base + "flash", tfl::TensorType::UINT8, {16}, std::vector<uint8_t>(16, static_cast<uint8_t>(0xA0 + p.index)));
    q.scratch = w.add_tensor(base + "scratch", tfl::TensorType::UINT8, {scratch});
    q.fast = w.add_tensor(base + "scratch_fast", tfl::TensorType::UINT8, {scratch});
    parts.push_back(q);
  }
  std::vector<bool> done(s.partitions.size(), false);
  for (std::size_t k = 0; k < g.ops.size(); ++k) {
    const Op& op = g.ops[k];
    if (op.npu_partition >= 0) {
      const auto pi = static_cast<std::size_t>(op.npu_partition);
      if (done[pi]) continue;
      done[pi] = true;
      const PartitionInfo& p = s.partitions[pi];
      std::vector<int32_t> in = {parts[pi].cms, parts[pi].flash, parts[pi].scratch, parts[pi].fast};
      in.insert(in.end(), p.inputs.begin(), p.inputs.end());
      w.add_custom_op("ethos-u", in, std::vector<int32_t>(p.outputs.begin(), p.outputs.end()), {1, 4, 1});
      continue;
    }
    const tfl::Operator& so = *sg.operators()->Get(static_cast<flatbuffers::uoffset_t>(op.index));
    const tfl::OperatorCode& code = *src.operator_codes()->Get(so.opcode_index());
    ModelSpec::Operator o;
    o.opcode_index = static_cast<uint32_t>(
        w.op_code(std::max<int>(code.deprecated_builtin_code(), static_cast<int>(code.builtin_code())), "", code.version()));
    o.inputs.assign(op.inputs.begin(), op.inputs.end());
    o.outputs.assign(op.outputs.begin(), op.outputs.end());
    o.options = ethosu::copy_builtin_options(so);
    w.spec().subgraphs[0].operators.push_back(std::move(o));
  }
  w.set_inputs(std::vector<int32_t>(g.inputs.begin(), g.inputs.end()));
  w.set_outputs(std::vector<int32_t>(g.outputs.begin(), g.outputs.end()));

  const std::size_t n = w.spec().subgraphs[0].tensors.size();
  std::vector<int32_t> offsets(n, -1);
  for (const auto& [id, off] : io_offset) offsets[static_cast<std::size_t>(id)] = off;
  for (const Parts& q : parts) offsets[static_cast<std::size_t>(q.scratch)] = offsets[static_cast<std::size_t>(q.fast)] = 0;
  std::vector<int32_t> words = {0, 1, static_cast<int32_t>(n)};
  words.insert(words.end(), offsets.begin(), offsets.end());
  std::vector<uint8_t> meta(words.size() * 4);
  std::memcpy(meta.data(), words.data(), meta.size());
  w.add_metadata("OfflineMemoryAllocation", meta);
  return w.finish();
}

}  // namespace tinyaot::npu_test
