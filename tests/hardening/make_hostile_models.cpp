// tinyaot hardening models: valid models whose strings are hostile to a code generator. Names, the
// description and the file name itself carry quotes, backslashes, newlines, comment ends, trigraphs,
// terminal escapes and non-ASCII bytes; the emitted code must still compile warning-free and mean the same.
// Usage: tinyaot_hostile_models OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/test_models.h"

namespace {

void write(const std::filesystem::path& p, const std::vector<uint8_t>& bytes) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                           static_cast<std::streamsize>(bytes.size()));
}

const std::vector<std::string> kHostile = {
    "in\"put\\",                          // ends a string literal, escapes the next quote
    "line\nbreak\r\n#error injected\n",   // a preprocessor line if a newline got through
    "*/ int injected; /*",                // ends a block comment
    "trigraph ?\?/ ?\?= ?\?' ?\?!",   // trigraphs (written escaped: -Wtrigraphs)
    "back\\",                             // a // comment ending in a backslash continues on the next line
    "\x1b[31mred\x1b[0m \x07",            // terminal escapes
    "caf\xc3\xa9 \xff\xfe invalid utf-8", // UTF-8 and bytes that are not
    "",                                   // no name at all
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: tinyaot_hostile_models OUT_DIR\n");
    return 2;
  }
  const std::filesystem::path out(argv[1]);
  std::filesystem::create_directories(out);
  // The FC model: tensors 0 input, 1 weights, 2 bias, 3 output; the conv model likewise.
  tinyaot::ModelWriter fc = tinyaot::test::fc_writer();
  for (int t = 0; t < 4; ++t) fc.tensor(t).name = kHostile[static_cast<std::size_t>(t)];
  fc.set_description(kHostile[1] + kHostile[2]);
  write(out / "hostile_names_fc.tflite", fc.finish());
  tinyaot::ModelWriter conv = tinyaot::test::conv_writer();
  for (int t = 0; t < 4; ++t) conv.tensor(t).name = kHostile[static_cast<std::size_t>(t + 4)];
  conv.set_description(kHostile[5]);
  write(out / "hostile_names_conv.tflite", conv.finish());
  // The file name goes into the banner comment of every emitted file.
  write(out / "hostile file*/ name?\?=\\.tflite", tinyaot::test::fc_model());
  write(out / "writer_fc.tflite", tinyaot::test::fc_model());
  write(out / "writer_conv.tflite", tinyaot::test::conv_model());
  write(out / "writer_nchw_conv.tflite", tinyaot::test::nchw_conv_model());
  write(out / "writer_passthrough.tflite", tinyaot::test::passthrough_model());
  std::printf("wrote 6 models to %s\n", out.string().c_str());
  return 0;
}
