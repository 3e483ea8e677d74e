// tinyaot board tools (host side): renaming kernel calls to their DSP/Helium variants (see the header).
#include "targets/boards/host/kernel_variants.h"

#include <array>
#include <fstream>
#include <set>
#include <sstream>

namespace tinyaot::boards {
namespace fs = std::filesystem;
namespace {

struct Variant {
  KernelIsa isa;
  const char* generic;  // function in namespace tinyaot_rt
  const char* variant;
  const char* header;   // relative to runtime_min/
};

constexpr std::array<Variant, 6> kVariants = {{
    {KernelIsa::kDsp, "fully_connected_s8", "fully_connected_s8_dsp", "tinyaot_rt/fully_connected_dsp.h"},
    {KernelIsa::kDsp, "conv2d_s8", "conv2d_s8_dsp", "tinyaot_rt/conv2d_dsp.h"},
    {KernelIsa::kDsp, "depthwise_conv2d_s8", "depthwise_conv2d_s8_dsp", "tinyaot_rt/depthwise_conv2d_dsp.h"},
    {KernelIsa::kMve, "fully_connected_s8", "fully_connected_s8_mve", "tinyaot_rt/fully_connected_mve.h"},
    {KernelIsa::kMve, "conv2d_s8", "conv2d_s8_mve", "tinyaot_rt/conv2d_mve.h"},
    {KernelIsa::kMve, "depthwise_conv2d_s8", "depthwise_conv2d_s8_mve", "tinyaot_rt/depthwise_conv2d_mve.h"},
}};

std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// Copies `header` and, recursively, every "tinyaot_rt/..." header it includes.
void copy_with_includes(const fs::path& runtime_dir, const fs::path& model_dir, const std::string& header,
                        std::set<std::string>& done) {
  if (!done.insert(header).second) return;
  const fs::path src = runtime_dir / header;
  const fs::path dst = model_dir / header;
  fs::create_directories(dst.parent_path());
  fs::copy_file(src, dst, fs::copy_options::overwrite_existing);
  std::istringstream in(read_text(src));
  for (std::string line; std::getline(in, line);) {
    const auto at = line.find("#include \"tinyaot_rt/");
    if (at == std::string::npos) continue;
    const auto start = at + 10, end = line.find('"', start);
    if (end != std::string::npos) copy_with_includes(runtime_dir, model_dir, line.substr(start, end - start), done);
  }
}

}  // namespace

std::string kernel_variant_list(KernelIsa isa) {
  std::string s;
  for (const Variant& v : kVariants)
    if (v.isa == isa) s += std::string(v.generic) + " -> " + v.variant + " (" + v.header + ")\n";
  return s;
}

int apply_kernel_variants(const fs::path& model_dir, const std::string& name, KernelIsa isa,
                          const fs::path& runtime_dir) {
  const fs::path cpp = model_dir / (name + ".cpp");
  std::string text = read_text(cpp);
  int renamed = 0;
  std::set<std::string> copied;
  std::string includes;
  for (const Variant& v : kVariants) {
    if (v.isa != isa) continue;
    const std::string from = std::string("tinyaot_rt::") + v.generic + "(";
    const std::string to = std::string("tinyaot_rt::") + v.variant + "(";
    int n = 0;
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
      ++n;
    }
    if (n == 0) continue;
    renamed += n;
    copy_with_includes(runtime_dir, model_dir, v.header, copied);
    includes += std::string("#include \"") + v.header + "\"\n";
  }
  if (renamed == 0) return 0;
  // The variant headers go before the model's namespace, after its own includes.
  const auto ns = text.find("\nnamespace ");
  text.insert(ns == std::string::npos ? 0 : ns + 1, includes + "\n");
  std::ofstream(cpp, std::ios::binary) << text;
  return renamed;
}

}  // namespace tinyaot::boards
