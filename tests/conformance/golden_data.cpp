// tinyaot conformance: reading the golden data (case discovery, manifest.json, intermediates_1.json).
#include "golden_data.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

#ifndef TINYAOT_SHARED_DEFAULT
#define TINYAOT_SHARED_DEFAULT "../shared"
#endif

namespace tinyaot::conformance {
namespace fs = std::filesystem;

namespace {

nlohmann::json read_json(const fs::path& p) {
  std::ifstream in(p);
  if (!in) throw std::runtime_error("cannot open " + p.string());
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(p.string() + ": " + e.what());
  }
}

std::vector<TensorSpec> read_specs(const nlohmann::json& list) {
  std::vector<TensorSpec> out;
  for (const auto& t : list) {
    TensorSpec s;
    s.name = t.value("name", "");
    s.tensor_index = t.value("tensor_index", -1);
    s.dtype = t.value("dtype", "INT8");
    s.bytes = t.at("bytes").get<std::size_t>();
    out.push_back(std::move(s));
  }
  return out;
}

// Case directories under `root` that hold a manifest.json (skips files such as ops/index.json).
std::vector<fs::path> case_dirs(const fs::path& root) {
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec))
    if (e.is_directory() && fs::exists(e.path() / "manifest.json")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

// gtest parameter names allow only [A-Za-z0-9_].
std::string identifier(const std::string& s) {
  std::string r = s;
  for (char& c : r)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return r;
}

std::uintmax_t model_size(const fs::path& case_dir) {
  try {
    const nlohmann::json m = read_json(case_dir / "manifest.json");
    std::error_code ec;
    const std::uintmax_t n = fs::file_size(case_dir.parent_path().parent_path() / "models" / m.value("model", ""), ec);
    return ec ? 0 : n;
  } catch (const std::exception&) {
    return 0;  // a broken manifest still gets a test, which then reports it
  }
}

}  // namespace

fs::path shared_dir() {
  const char* env = std::getenv("TINYAOT_SHARED");
  return fs::path(env && *env ? env : TINYAOT_SHARED_DEFAULT).lexically_normal();
}

std::vector<GoldenCase> discover_cases() {
  const fs::path golden = shared_dir() / "golden";
  if (!fs::is_directory(golden)) {
    GoldenCase c;
    c.id = "shared_data_missing";
    c.missing = true;
    c.dir = shared_dir();
    return {c};
  }
  std::vector<GoldenCase> models, ops;
  for (const fs::path& d : case_dirs(golden)) {
    if (d.filename() == "ops") continue;
    models.push_back({"model_" + identifier(d.filename().string()), d.filename().string(), false, false, d});
  }
  std::vector<std::pair<std::uintmax_t, GoldenCase>> sized;
  for (auto& c : models) sized.emplace_back(model_size(c.dir), c);
  std::stable_sort(sized.begin(), sized.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<GoldenCase> out;
  for (auto& [size, c] : sized) out.push_back(c);
  for (const fs::path& d : case_dirs(golden / "ops"))
    out.push_back({"op_" + identifier(d.filename().string()), d.filename().string(), true, false, d});
  return out;
}

Manifest load_manifest(const GoldenCase& c) {
  const nlohmann::json j = read_json(c.dir / "manifest.json");
  Manifest m;
  const fs::path models = shared_dir() / "models";
  const std::string file = j.value("model", c.name + ".tflite");
  m.model = c.is_op ? models / "ops" / file : models / file;
  try {
    m.inputs = read_specs(j.at("inputs"));
    m.outputs = read_specs(j.at("outputs"));
    m.seeds = j.at("seeds").get<std::vector<int>>();
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error((c.dir / "manifest.json").string() + ": " + e.what());
  }
  m.tflm_arena_bytes = j.value("arena_used_bytes", std::uint64_t{0});
  return m;
}

std::vector<Intermediate> load_intermediates(const fs::path& case_dir) {
  const fs::path p = case_dir / "intermediates_1.json";
  if (!fs::exists(p)) return {};
  const nlohmann::json j = read_json(p);
  std::vector<Intermediate> out;
  for (const auto& t : j.at("tensors")) {
    Intermediate i;
    i.tensor_index = t.at("tensor_index").get<int>();
    i.name = t.value("name", "");
    i.dtype = t.value("dtype", "INT8");
    i.offset = t.at("offset").get<std::size_t>();
    i.bytes = t.at("bytes").get<std::size_t>();
    out.push_back(std::move(i));
  }
  return out;
}

std::vector<std::uint8_t> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::size_t dtype_size(const std::string& dtype) {
  if (dtype == "INT16" || dtype == "UINT16" || dtype == "FLOAT16") return 2;
  if (dtype == "INT32" || dtype == "UINT32" || dtype == "FLOAT32") return 4;
  if (dtype == "INT64" || dtype == "UINT64" || dtype == "FLOAT64") return 8;
  return 1;
}

}  // namespace tinyaot::conformance
