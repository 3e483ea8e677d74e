// tinyaot: atomic output folder replacement.
#include "compiler/driver/output_dir.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "compiler/support/error.h"

namespace fs = std::filesystem;

namespace tinyaot {

namespace {

[[noreturn]] void io_fail(const std::string& what) { throw Error(ErrorKind::kIo, what); }

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary);
  f.write(text.data(), static_cast<std::streamsize>(text.size()));
  f.close();
  if (!f) io_fail(fmt::format("cannot write {}", p.string()));
}

}  // namespace

void write_output_dir(const std::string& dir_arg, const std::map<std::string, std::string>& files) {
  std::error_code ec;
  fs::path dir = fs::path(dir_arg);
  if (dir.has_filename() == false) dir = dir.parent_path();  // "gen/" -> "gen"
  if (dir.empty()) io_fail("empty output folder name");
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) io_fail(fmt::format("{} exists and is not a folder", dir.string()));
    if (!fs::is_empty(dir, ec) && !fs::exists(dir / kOutputMarker, ec))
      io_fail(fmt::format("{} is not empty and was not written by tinyaot; refusing to replace it", dir.string()));
  }
  const fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) io_fail(fmt::format("cannot create {}: {}", parent.string(), ec.message()));
  const std::string stem = dir.filename().string();
  const fs::path tmp = parent / fmt::format(".{}.tinyaot-tmp-{}", stem, ::getpid());
  const fs::path old = parent / fmt::format(".{}.tinyaot-old-{}", stem, ::getpid());
  fs::remove_all(tmp, ec);
  try {
    fs::create_directories(tmp);
    std::string listing;
    for (const auto& [rel, text] : files) {
      const fs::path p = tmp / rel;
      fs::create_directories(p.parent_path());
      write_file(p, text);
      listing += rel + "\n";
    }
    write_file(tmp / kOutputMarker, listing);
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(tmp, ec);
    io_fail(fmt::format("cannot write output: {}", e.what()));
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
  // Swap: the old folder moves aside, the new one takes its name, then the old one is removed.
  const bool had_old = fs::exists(dir, ec);
  if (had_old) {
    fs::rename(dir, old, ec);
    if (ec) {
      fs::remove_all(tmp, ec);
      io_fail(fmt::format("cannot replace {}", dir.string()));
    }
  }
  fs::rename(tmp, dir, ec);
  if (ec) {
    const std::string msg = ec.message();
    if (had_old) fs::rename(old, dir, ec);
    fs::remove_all(tmp, ec);
    io_fail(fmt::format("cannot move output into {}: {}", dir.string(), msg));
  }
  if (had_old) fs::remove_all(old, ec);
}

}  // namespace tinyaot
