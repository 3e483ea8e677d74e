// tinyaot: files compiled into the binary (templates/, runtime_min/), see cmake/embed.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace tinyaot {

/// One embedded file: its path relative to the source root ("templates/model.h.tpl") and contents.
struct EmbeddedFile {
  std::string_view path;
  std::string_view contents;
};

/// All embedded files, sorted by path.
const std::vector<EmbeddedFile>& embedded_files();

/// Contents of an embedded file; throws Error(kInternal) if it does not exist.
std::string_view embedded(std::string_view path);

}  // namespace tinyaot
