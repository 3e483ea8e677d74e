// tinyaot: lookup of embedded files.
#include "compiler/support/embedded.h"

#include <string>

#include "compiler/support/error.h"

namespace tinyaot {

std::string_view embedded(std::string_view path) {
  for (const auto& f : embedded_files())
    if (f.path == path) return f.contents;
  throw Error(ErrorKind::kInternal, "embedded file not found: " + std::string(path));
}

}  // namespace tinyaot
