// tinyaot Ethos-U: reading OfflineMemoryAllocation and keeping its placement (see offline_layout.h).
#include "compiler/ethosu/offline_layout.h"

#include <fmt/format.h>

#include <cstring>

#include "compiler/reader/tflite_subset_generated.h"
#include "compiler/support/error.h"

namespace tinyaot::ethosu {

namespace {

[[noreturn]] void bad(const std::string& why) {
  throw Error(ErrorKind::kInvalidModel, fmt::format("{} metadata is malformed: {}", kOfflineMetadataName, why));
}

}  // namespace

std::optional<std::vector<int32_t>> read_offline_offsets(const tfl::Model& model, const Graph& g) {
  const auto* metadata = model.metadata();
  if (!metadata) return std::nullopt;
  for (const tfl::Metadata* m : *metadata) {
    if (!m->name() || m->name()->str() != kOfflineMetadataName) continue;
    const auto* buffers = model.buffers();
    if (!buffers || m->buffer() >= buffers->size()) bad(fmt::format("buffer {} does not exist", m->buffer()));
    const auto* data = buffers->Get(m->buffer())->data();
    const std::size_t bytes = data ? data->size() : 0;
    if (bytes % 4 != 0 || bytes < 12) bad(fmt::format("{} bytes is not a list of at least 3 int32 words", bytes));
    std::vector<int32_t> words(bytes / 4);
    std::memcpy(words.data(), data->data(), bytes);  // little-endian host, as the rest of the reader
    if (words[0] != 0) bad(fmt::format("version {} (we read version 0)", words[0]));
    const int32_t n = words[2];
    if (n != static_cast<int32_t>(g.tensors.size()))
      bad(fmt::format("it has offsets for {} tensors, the subgraph has {}", n, g.tensors.size()));
    if (words.size() < 3 + static_cast<std::size_t>(n)) bad(fmt::format("it lists {} tensors but holds fewer offsets", n));
    std::vector<int32_t> offsets(words.begin() + 3, words.begin() + 3 + n);
    for (std::size_t i = 0; i < offsets.size(); ++i)
      if (offsets[i] < -1) bad(fmt::format("tensor {} has offset {}", i, offsets[i]));
    return offsets;
  }
  return std::nullopt;
}

int apply_offline_layout(Graph& g, const std::vector<int32_t>& offsets) {
  int block = -1;
  auto better = [&](int id) {
    if (block < 0) return true;
    const int32_t a = offsets[static_cast<std::size_t>(id)], b = offsets[static_cast<std::size_t>(block)];
    if (a != b) return a < b;
    return g.tensor(id).bytes() > g.tensor(block).bytes();
  };
  for (const Tensor& t : g.tensors) {
    if (t.is_const || offsets[static_cast<std::size_t>(t.id)] < 0) continue;
    if (better(t.id)) block = t.id;
  }
  if (block < 0) return -1;
  const int32_t base = offsets[static_cast<std::size_t>(block)];
  for (Tensor& t : g.tensors) {
    const int32_t off = offsets[static_cast<std::size_t>(t.id)];
    if (t.is_const || off < 0 || t.id == block || t.alias_of >= 0) continue;
    if (t.is_variable)
      throw Error(ErrorKind::kUnsupported, "a variable tensor with an offline offset is not supported")
          .at_tensor(t.id, t.name);
    t.alias_of = block;
    t.alias_offset = static_cast<std::size_t>(off - base);
  }
  return block;
}

}  // namespace tinyaot::ethosu
