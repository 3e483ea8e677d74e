// tinyaot: writing the output folder atomically, so a failed compile never leaves half-written output.
#pragma once

#include <map>
#include <string>

namespace tinyaot {

/// Name of the marker file listing what tinyaot wrote; an existing folder is only replaced if it has one
/// (or is empty), so `-o .` can never wipe a user's sources.
inline constexpr const char* kOutputMarker = ".tinyaot-output";

/// Writes `files` (relative path -> contents) into a temporary sibling of `dir`, then swaps it in place of
/// `dir`. Throws Error(kIo) and leaves `dir` untouched on failure.
void write_output_dir(const std::string& dir, const std::map<std::string, std::string>& files);

}  // namespace tinyaot
