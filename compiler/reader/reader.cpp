// tinyaot: reader entry points and the container checks (file, flatbuffer verifier, identifier, header).
// Everything that touches the model goes through the flatbuffers Verifier first, so the later phases can
// follow offsets without bounds checks of their own.
#include "compiler/reader/reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

#include "compiler/ops/registry.h"
#include "compiler/reader/reader_internal.h"

namespace tinyaot {

namespace reader {

void fail_tensor(const ReadContext& c, int tensor, ErrorKind kind, const std::string& reason) {
  std::string name;
  if (tensor >= 0 && tensor < static_cast<int>(c.graph->tensors.size()))
    name = c.graph->tensors[static_cast<std::size_t>(tensor)].name;
  else if (c.subgraph && c.subgraph->tensors() && tensor >= 0 &&
           tensor < static_cast<int>(c.subgraph->tensors()->size()) &&
           c.subgraph->tensors()->Get(static_cast<flatbuffers::uoffset_t>(tensor))->name())
    name = c.subgraph->tensors()->Get(static_cast<flatbuffers::uoffset_t>(tensor))->name()->str();
  Error e(kind, reason);
  e.at_tensor(tensor, name);
  throw e;
}

void fail_op(const ReadContext& c, int op, ErrorKind kind, const std::string& reason) {
  std::string type = "?";
  const auto* ops = c.subgraph ? c.subgraph->operators() : nullptr;
  if (ops && op >= 0 && op < static_cast<int>(ops->size())) {
    const uint32_t code_index = ops->Get(static_cast<flatbuffers::uoffset_t>(op))->opcode_index();
    if (code_index < c.op_codes.size()) type = builtin_name(c.op_codes[code_index]);
  }
  Error e(kind, reason);
  e.at_op(op, type);
  throw e;
}

std::string shape_text(const std::vector<int32_t>& dims) { return fmt::format("[{}]", fmt::join(dims, ",")); }

}  // namespace reader

namespace {

using reader::ReadContext;

constexpr const char* kIdentifier = "TFL3";

[[noreturn]] void invalid(const std::string& reason) { throw Error(ErrorKind::kInvalidModel, reason); }

/// The identifier bytes as text, with anything unprintable escaped.
std::string printable_identifier(const uint8_t* p) {
  std::string s;
  for (int i = 0; i < 4; ++i) {
    const uint8_t ch = p[i];
    s += (ch >= 0x20 && ch < 0x7f) ? std::string(1, static_cast<char>(ch)) : fmt::format("\\x{:02x}", ch);
  }
  return s;
}

flatbuffers::Verifier::Options verifier_options() {
  flatbuffers::Verifier::Options o;
  o.max_depth = 64;          // a TFLite model nests about 6 deep
  o.max_tables = kMaxTables;  // bounds the work a hostile file can cause
  o.check_alignment = true;
  return o;
}

/// The part of the file the verifier may look at (the flatbuffer format cannot address past 2 GiB; data
/// of larger models lives behind it and is reached through Buffer.offset).
std::size_t verifiable_size(std::size_t n) {
  return std::min<std::size_t>(n, FLATBUFFERS_MAX_BUFFER_SIZE - 1);
}

/// Empty, tiny, foreign, wrongly identified, truncated or corrupt files each get their own message.
void check_container(std::span<const uint8_t> bytes) {
  if (bytes.empty()) invalid("the file is empty");
  if (bytes.size() < 8)
    invalid(fmt::format("not a TFLite model: the file is only {} bytes, too short for a flatbuffer", bytes.size()));
  const uint8_t* data = bytes.data();
  const std::size_t size = verifiable_size(bytes.size());
  if (!flatbuffers::BufferHasIdentifier(data, kIdentifier)) {
    flatbuffers::Verifier v(data, size, verifier_options());
    if (v.VerifyBuffer<tfl::Model>(nullptr))
      invalid(fmt::format("wrong file identifier '{}', expected '{}': this flatbuffer is not a TFLite model",
                          printable_identifier(data + 4), kIdentifier));
    invalid(fmt::format("not a TFLite model: not a flatbuffer with the '{}' identifier", kIdentifier));
  }
  const uint32_t root = flatbuffers::ReadScalar<uint32_t>(data);
  if (root >= bytes.size())
    invalid(fmt::format("the file is truncated: its root table at offset {} lies past the end of the {}-byte file",
                        root, bytes.size()));
  flatbuffers::Verifier v(data, size, verifier_options());
  if (tfl::VerifyModelBuffer(v)) return;
  // Say when only the verifier's limit failed (a well-formed but enormous file), not "corrupt".
  flatbuffers::Verifier::Options unlimited = verifier_options();
  unlimited.max_tables = std::numeric_limits<flatbuffers::uoffset_t>::max();
  flatbuffers::Verifier v2(data, size, unlimited);
  if (tfl::VerifyModelBuffer(v2))
    throw Error(ErrorKind::kDoesNotFit,
                fmt::format("the model has more than {} flatbuffer tables (tensors, operators, quantization "
                            "entries), more than tinyaot reads",
                            kMaxTables));
  invalid(fmt::format("the file is truncated or corrupt: flatbuffer verification failed ({} bytes)", bytes.size()));
}

void check_header(ReadContext& c) {
  const tfl::Model& m = *c.model;
  if (m.version() != 3)
    throw Error(ErrorKind::kUnsupported, fmt::format("TFLite schema version {} is not supported (expected 3)", m.version()));
  const auto* sgs = m.subgraphs();
  const std::size_t n = sgs ? sgs->size() : 0;
  if (n == 0) invalid("the model has no subgraph");
  if (n > 1)
    throw Error(ErrorKind::kUnsupported,
                fmt::format("models with {} subgraphs are not supported (control flow or multiple signatures)", n));
  c.subgraph = sgs->Get(0);
  if (m.description()) c.graph->description = m.description()->str();
}

Graph read_checked(std::span<const uint8_t> bytes, const std::string& name) {
  check_container(bytes);
  Graph g;
  g.source = name;
  ReadContext c;
  c.file = bytes;
  c.model = tfl::GetModel(bytes.data());
  c.graph = &g;
  check_header(c);
  reader::read_tensors(c);
  reader::read_structure(c);
  reader::check_tensor_support(c);
  reader::resolve_ops(c);
  reader::check_activation_quant(c);
  reader::parse_ops(c);
  return g;
}

}  // namespace

Graph read_model_from_memory(std::span<const uint8_t> bytes, const std::string& name) {
  try {
    // Flatbuffer accessors read scalars in place: give them an 8-byte aligned copy when needed.
    if (reinterpret_cast<std::uintptr_t>(bytes.data()) % 8 != 0) {
      std::vector<uint64_t> aligned((bytes.size() + 7) / 8);
      std::memcpy(aligned.data(), bytes.data(), bytes.size());
      return read_checked({reinterpret_cast<const uint8_t*>(aligned.data()), bytes.size()}, name);
    }
    return read_checked(bytes, name);
  } catch (Error& e) {
    if (e.file().empty()) e.in_file(name);
    throw;
  }
}

Graph read_model(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error(ErrorKind::kIo, "cannot read the model: it is a directory").in_file(path);
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error(ErrorKind::kIo, fmt::format("cannot open the model: {}", std::strerror(errno))).in_file(path);
  const std::streamsize size = in.tellg();
  if (size < 0) throw Error(ErrorKind::kIo, "cannot read the model").in_file(path);
  std::vector<uint8_t> bytes(static_cast<std::size_t>(size));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size))
    throw Error(ErrorKind::kIo, "cannot read the model").in_file(path);
  return read_model_from_memory(bytes, path);
}

}  // namespace tinyaot
