// tinyaot: the one error type of the compiler.
// Every failure a user can cause (bad file, unsupported op, model too big) is an Error carrying where it
// happened; the CLI turns it into one message and a documented exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace tinyaot {

/// What went wrong, which also decides the process exit code (see docs/cli.md).
enum class ErrorKind {
  kInternal = 1,     ///< a bug in tinyaot
  kUsage = 2,        ///< bad command line
  kInvalidModel = 3, ///< not a valid TFLite model (corrupt, truncated, inconsistent)
  kUnsupported = 4,  ///< valid model, but uses something tinyaot does not support
  kDoesNotFit = 5,   ///< a limit was exceeded (memory, sizes)
  kIo = 6,           ///< a file could not be read or written
};

/// Exit code of the CLI for an error kind.
inline int exit_code(ErrorKind k) { return static_cast<int>(k); }
const char* kind_name(ErrorKind k);

/// An error with its location: file, operator (index and type) and tensor (index and name).
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string reason);

  /// Location setters return *this so they chain: Error(...).at_op(3, "CONV_2D").at_tensor(7, "x").
  Error& in_file(std::string file);
  Error& at_op(int index, std::string type);
  Error& at_tensor(int index, std::string name);

  ErrorKind kind() const { return kind_; }
  const std::string& file() const { return file_; }
  int op_index() const { return op_index_; }
  const std::string& op_type() const { return op_type_; }
  int tensor_index() const { return tensor_index_; }
  const std::string& tensor_name() const { return tensor_name_; }
  const std::string& reason() const { return reason_; }

  /// "file: op 3 (CONV_2D): tensor 7 'name': reason"
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  void compose();
  ErrorKind kind_;
  std::string file_, op_type_, tensor_name_, reason_, message_;
  int op_index_ = -1, tensor_index_ = -1;
};

}  // namespace tinyaot
