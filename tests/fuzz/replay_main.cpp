// tinyaot fuzz replay: runs LLVMFuzzerTestOneInput on files and folders without libFuzzer, so any
// compiler (g++ included) can re-check the regression inputs and the seed corpus. A finding aborts.
// Usage: tinyaot_fuzz_replay PATH...   (folders are read recursively, in sorted order)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path p(argv[i]);
    if (fs::is_directory(p)) {
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().filename().string()[0] != '.') files.push_back(e.path());
    } else if (fs::is_regular_file(p)) {
      files.push_back(p);
    } else {
      std::fprintf(stderr, "tinyaot_fuzz_replay: no such file or folder: %s\n", argv[i]);
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay %s (%zu bytes)\n", f.string().c_str(), bytes.size());
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    // Small files once more at an odd address: the reader must cope with misaligned input.
    if (bytes.size() <= (std::size_t{1} << 18)) {
      std::vector<uint8_t> shifted(bytes.size() + 1);
      std::copy(bytes.begin(), bytes.end(), shifted.begin() + 1);
      LLVMFuzzerTestOneInput(shifted.data() + 1, bytes.size());
    }
  }
  std::printf("replayed %zu inputs without a finding\n", files.size());
  return files.empty() ? 1 : 0;
}
