// tinyaot fuzz target: one input = one .tflite file, taken through everything `tinyaot compile` does in
// memory: reader, pass pipeline, emitter (plain, --trace and --c-api) and the report (JSON, text, HTML).
// Nothing is written to disk. A located tinyaot::Error of a user-facing kind is the expected way to fail;
// anything else is a finding: a crash or sanitizer report, any other exception, an Error of kind kInternal
// (a bug by definition), or an Error without a reason. (kUsage is fine: a Vela-compiled model asks for
// --npu.) See docs/hardening.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <span>
#include <string>

#include "compiler/driver/pipeline.h"
#include "compiler/emit/emitter.h"
#include "compiler/reader/reader.h"
#include "compiler/report/report.h"
#include "compiler/support/error.h"

namespace {

[[noreturn]] void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "tinyaot fuzz finding: %s: %s\n", what, detail.c_str());
  std::fflush(stderr);
  std::abort();  // libFuzzer saves the input as crash-<sha1>
}

void compile_in_memory(std::span<const uint8_t> bytes) {
  tinyaot::Graph g = tinyaot::read_model_from_memory(bytes, "fuzz.tflite");
  tinyaot::PipelineOptions popts;
  tinyaot::run_pipeline(g, popts);
  tinyaot::EmitOptions eopts;
  eopts.name = "fuzz_model";
  eopts.model_file = "fuzz.tflite";
  eopts.alignment = popts.pass.alignment;
  // The last input byte picks the emitter variants, so mutations explore them without a second input.
  const uint8_t flags = bytes.empty() ? 0 : bytes.back();
  eopts.trace = (flags & 1) != 0;
  eopts.c_api = (flags & 2) != 0;
  const tinyaot::EmittedFiles files = tinyaot::emit_model(g, eopts);
  const nlohmann::json report = tinyaot::build_report(g, files, {"fuzz_model", "fuzz.tflite", "generic", 16});
  if (flags & 4) {
    (void)tinyaot::render_text(report);
    (void)tinyaot::render_html(report);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  try {
    compile_in_memory({data, size});
  } catch (const tinyaot::Error& e) {
    if (e.kind() == tinyaot::ErrorKind::kInternal) finding("internal error", e.what());
    if (e.reason().empty()) finding("error without a reason", e.what());
  } catch (const std::exception& e) {
    finding("exception that is not a tinyaot::Error", e.what());
  } catch (...) {
    finding("unknown exception", "");
  }
  return 0;
}
