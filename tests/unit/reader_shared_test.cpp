// tinyaot: the reader against every real model in the shared data folder: each one verifies and reads up
// to the op-support check. Skips when the folder is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "compiler/reader/reader.h"
#include "compiler/support/error.h"

namespace tinyaot {
namespace {

namespace fs = std::filesystem;

/// The shared data folder: $TINYAOT_SHARED, else `shared` beside the repository (found from this file).
fs::path shared_dir() {
  if (const char* env = std::getenv("TINYAOT_SHARED")) return env;
  return fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path() / "shared";
}

/// The golden manifest of a model, or null when it has none (Vela models).
nlohmann::json manifest_of(const fs::path& shared, const fs::path& model) {
  const std::string stem = model.stem().string();
  for (const fs::path& p : {shared / "golden" / stem / "manifest.json", shared / "golden" / "ops" / stem / "manifest.json"})
    if (fs::exists(p)) return nlohmann::json::parse(std::ifstream(p), nullptr, false);
  return nullptr;
}

/// Every real model verifies and reads up to the op-support check: it reads, or fails only because an
/// operator is unsupported (or, for DEQUANTIZE's float output, because floats are).
TEST(ReaderSharedModels, AllParseUpToOpSupport) {
  const fs::path dir = shared_dir() / "models";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "SKIP: shared data not found at " << dir;
  int read = 0, unsupported = 0;
  for (const fs::path& sub : {dir, dir / "ops", dir / "vela"}) {
    for (const auto& entry : fs::directory_iterator(sub)) {
      if (entry.path().extension() != ".tflite") continue;
      SCOPED_TRACE(entry.path().string());
      try {
        const Graph g = read_model(entry.path().string());
        EXPECT_NO_THROW(verify(g, "read"));
        const nlohmann::json m = manifest_of(shared_dir(), entry.path());
        if (m.is_object() && m.contains("tensor_count")) {
          EXPECT_EQ(g.tensors.size(), m["tensor_count"].get<std::size_t>());
          EXPECT_EQ(g.ops.size(), m["operator_count"].get<std::size_t>());
        }
        ++read;
      } catch (const Error& e) {
        const std::string msg = e.what();
        const bool op_support = e.op_index() >= 0 && msg.find("operator") != std::string::npos;
        const bool float_out = entry.path().stem() == "dequantize" && msg.find("float models") != std::string::npos;
        EXPECT_EQ(e.kind(), ErrorKind::kUnsupported) << msg;
        EXPECT_TRUE(op_support || float_out) << msg;
        if (entry.path().parent_path().filename() == "vela")
          EXPECT_NE(msg.find("custom operator 'ethos-u'"), std::string::npos) << msg;
        ++unsupported;
      }
    }
  }
  EXPECT_GT(read + unsupported, 150);
  std::printf("shared models: %d read, %d stopped at the op-support check\n", read, unsupported);
}

}  // namespace
}  // namespace tinyaot
