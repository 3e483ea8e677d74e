// tinyaot fuzz seeds: writes the small models our ModelWriter builds (tests/support/test_models.h) into a
// folder, as starting points for the fuzzer next to the real models (make_seed_corpus.sh gathers both).
// Each model is written twice: as built, and with a trailing flag byte that turns on the fuzz target's
// other emitter variants (--trace, --c-api, text/HTML report), so they are explored from the start.
// Usage: tinyaot_fuzz_seeds OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "support/test_models.h"

namespace {

void write(const std::filesystem::path& p, const std::vector<uint8_t>& bytes) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                           static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: tinyaot_fuzz_seeds OUT_DIR\n");
    return 2;
  }
  const std::filesystem::path out(argv[1]);
  std::filesystem::create_directories(out);
  const std::vector<std::pair<std::string, std::vector<uint8_t>>> models = {
      {"writer_fc", tinyaot::test::fc_model()},
      {"writer_conv", tinyaot::test::conv_model()},
      {"writer_nchw_conv", tinyaot::test::nchw_conv_model()},
      {"writer_passthrough", tinyaot::test::passthrough_model()},
  };
  for (const auto& [name, bytes] : models) {
    write(out / (name + ".tflite"), bytes);
    std::vector<uint8_t> flagged = bytes;
    flagged.push_back(0x07);
    write(out / (name + "_flags.tflite"), flagged);
  }
  std::printf("wrote %zu seed models to %s\n", 2 * models.size(), out.string().c_str());
  return 0;
}
