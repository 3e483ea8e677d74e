// tinyaot: Error formatting.
#include "compiler/support/error.h"

#include <fmt/format.h>

namespace tinyaot {

const char* kind_name(ErrorKind k) {
  switch (k) {
    case ErrorKind::kInternal: return "internal error";
    case ErrorKind::kUsage: return "usage error";
    case ErrorKind::kInvalidModel: return "invalid model";
    case ErrorKind::kUnsupported: return "unsupported";
    case ErrorKind::kDoesNotFit: return "does not fit";
    case ErrorKind::kIo: return "I/O error";
  }
  return "error";
}

Error::Error(ErrorKind kind, std::string reason)
    : std::runtime_error(reason), kind_(kind), reason_(std::move(reason)) {
  compose();
}

Error& Error::in_file(std::string file) {
  file_ = std::move(file);
  compose();
  return *this;
}

Error& Error::at_op(int index, std::string type) {
  op_index_ = index;
  op_type_ = std::move(type);
  compose();
  return *this;
}

Error& Error::at_tensor(int index, std::string name) {
  tensor_index_ = index;
  tensor_name_ = std::move(name);
  compose();
  return *this;
}

void Error::compose() {
  std::string m;
  if (!file_.empty()) m += file_ + ": ";
  if (op_index_ >= 0) m += fmt::format("op {} ({}): ", op_index_, op_type_);
  if (tensor_index_ >= 0) m += fmt::format("tensor {} '{}': ", tensor_index_, tensor_name_);
  m += fmt::format("{}: {}", kind_name(kind_), reason_);
  // Names and strings come from the model file: control characters (a newline, a terminal escape
  // sequence) are shown as \xNN so the message stays one harmless line.
  message_.clear();
  for (char c : m) {
    const auto u = static_cast<unsigned char>(c);
    message_ += (u < 0x20 || u == 0x7f) ? fmt::format("\\x{:02x}", u) : std::string(1, c);
  }
}

}  // namespace tinyaot
