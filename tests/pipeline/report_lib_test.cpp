// tinyaot pipeline tests: the compile report (compiler/report/) on the sample model: the JSON is
// consistent with the plan (offsets, lifetimes, bound, MACs), the text and HTML render it, and report
// files that cannot be written give an I/O error naming the file. Also: --c-api adds its two files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "compiler/driver/driver.h"
#include "compiler/report/report.h"
#include "compiler/support/error.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// The sample model (samples/sample_model), generated once per test binary run.
const std::string& sample_model() {
  static const std::string path = [] {
    // A folder per process: ctest runs this binary's tests as parallel processes.
    const fs::path dir = fs::temp_directory_path() / ("tinyaot_pipeline_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path p = dir / "tinyaot_pipeline_sample.tflite";
    const std::string cmd = std::string(TINYAOT_SAMPLE_MODEL_GEN) + " " + p.string() + " > /dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return p.string();
  }();
  return path;
}

json report_of(const std::string& model) {
  tinyaot::CompileOptions o;
  o.model_path = model;
  return json::parse(tinyaot::compile(o).report);
}

}  // namespace

TEST(Report, JsonMatchesThePlan) {
  const json r = report_of(sample_model());
  EXPECT_EQ(r["schema"], tinyaot::kReportSchema);
  EXPECT_EQ(r["name"], "tinyaot_pipeline_sample");
  ASSERT_EQ(r["ops"].size(), 7u);
  int64_t macs = 0;
  std::size_t max_live = 0;
  for (const auto& op : r["ops"]) {
    macs += op["macs"].get<int64_t>();
    max_live = std::max(max_live, op["live_bytes"].get<std::size_t>());
  }
  EXPECT_EQ(macs, r["macs"].get<int64_t>());
  EXPECT_GT(macs, 0);
  EXPECT_EQ(r["ops"][0]["type"], "CONV_2D");
  EXPECT_NE(r["ops"][0]["attrs"].get<std::string>().find("stride=1x1"), std::string::npos);
  const std::size_t arena = r["arena"]["size"].get<std::size_t>();
  EXPECT_EQ(max_live, r["arena"]["bound"].get<std::size_t>());
  EXPECT_GE(arena, max_live);
  EXPECT_GT(r["weight_bytes"].get<std::size_t>(), 0u);
  // Buffers stay inside the arena, and two live at the same step never overlap.
  const json& b = r["buffers"];
  for (std::size_t i = 0; i < b.size(); ++i) {
    const auto off = b[i]["offset"].get<std::size_t>(), end = off + b[i]["size"].get<std::size_t>();
    EXPECT_LE(end, arena);
    for (std::size_t j = i + 1; j < b.size(); ++j) {
      const bool together = b[i]["first"] <= b[j]["last"] && b[j]["first"] <= b[i]["last"];
      const auto o2 = b[j]["offset"].get<std::size_t>(), e2 = o2 + b[j]["size"].get<std::size_t>();
      EXPECT_FALSE(together && off < e2 && o2 < end) << b[i]["label"] << " and " << b[j]["label"];
    }
    if (b[i].contains("tensor")) {
      EXPECT_EQ(r["tensors"][b[i]["tensor"].get<std::size_t>()]["offset"], b[i]["offset"]);
    }
  }
  // Tensors: constants have no offset and no lifetime; the RESHAPE output is a view of its input.
  int views = 0;
  for (const auto& t : r["tensors"]) {
    if (t["kind"] == "constant") {
      EXPECT_TRUE(t["offset"].is_null());
      EXPECT_TRUE(t["first"].is_null());
    } else {
      EXPECT_FALSE(t["offset"].is_null()) << t["name"];
      EXPECT_LE(t["first"].get<int>(), t["last"].get<int>());
    }
    views += !t["alias_of"].is_null();
  }
  EXPECT_EQ(views, 1);
  EXPECT_EQ(r["tensors"][r["inputs"][0].get<std::size_t>()]["kind"], "input");
}

TEST(Report, TextAndHtml) {
  const json r = report_of(sample_model());
  const std::string text = tinyaot::render_text(r);
  for (const char* s : {"operators", "tensors", "memory plan", "CONV_2D", "MACs", "padding=SAME"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  const std::string html = tinyaot::render_html(r);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);  // self-contained and static
  std::size_t boxes = 0;
  for (std::size_t p = 0; (p = html.find("<g class=\"buf\">", p)) != std::string::npos; ++p) ++boxes;
  EXPECT_EQ(boxes, r["buffers"].size());
  EXPECT_EQ(tinyaot::html_escape("a<b & 'c'"), "a&lt;b &amp; &#39;c&#39;");
}

TEST(Report, UnwritableReportIsAnIoErrorNamingTheFile) {
  tinyaot::CompileOptions o;
  o.model_path = sample_model();
  o.report_html = "/nonexistent-dir/report.html";
  try {
    tinyaot::compile(o);
    FAIL() << "no error";
  } catch (const tinyaot::Error& e) {
    EXPECT_EQ(e.kind(), tinyaot::ErrorKind::kIo);
    EXPECT_EQ(e.file(), "/nonexistent-dir/report.html");
  }
}

TEST(Report, CApiAddsTwoFiles) {
  tinyaot::CompileOptions o;
  o.model_path = sample_model();
  o.name = "m";
  const auto plain = tinyaot::compile(o).files;
  o.c_api = true;
  const auto with = tinyaot::compile(o).files;
  EXPECT_EQ(with.size(), plain.size() + 2);
  EXPECT_NE(std::find(with.begin(), with.end(), "m_c_api.h"), with.end());
  EXPECT_NE(std::find(with.begin(), with.end(), "m_c_api.cpp"), with.end());
}
