// tinyaot: the compile report. One JSON document describes a compiled model: operators with their
// parameters and MACs, tensors with quantization, offsets and lifetimes, the arena buffers the planner
// placed, and the totals. `tinyaot inspect`, `--report` and `--report-html` all render this one document,
// so the three never disagree. The fields are listed in docs/reports.md.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "compiler/emit/emitter.h"
#include "compiler/ir/graph.h"

namespace tinyaot {

/// Facts about the compile that the graph does not hold.
struct ReportInfo {
  std::string name;        ///< C++ namespace / file stem
  std::string model_file;  ///< the model path as given
  std::string target;      ///< CPU target
  std::size_t alignment = 16;
};

/// Version of the report layout; bumped when a field changes meaning or disappears.
inline constexpr int kReportSchema = 1;

/// Builds the report of a planned graph and its emitted files.
nlohmann::json build_report(const Graph& g, const EmittedFiles& files, const ReportInfo& info);

/// Human-readable text for `tinyaot inspect`: summary, operators, tensors, memory plan.
std::string render_text(const nlohmann::json& report);

/// One self-contained HTML page: summary, an SVG of the memory plan and the per-layer table.
std::string render_html(const nlohmann::json& report);

/// The SVG picture of the memory plan alone (op steps across, arena offsets down, one box per buffer).
std::string render_memory_svg(const nlohmann::json& report);

/// Writes the JSON report (pretty, 1 space indent) and/or the HTML page; empty paths are skipped.
/// Throws Error(kIo) naming the file that could not be written.
void write_reports(const nlohmann::json& report, const std::string& json_path, const std::string& html_path);

/// `s` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string html_escape(const std::string& s);

}  // namespace tinyaot
