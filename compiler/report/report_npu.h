// tinyaot: the NPU placement part of the compile report (the "npu" member written by the partition
// report, passes/partition_report.h), rendered for `tinyaot inspect` and the HTML page. Kept apart from
// the generic renderers so a report without --npu renders exactly as before.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace tinyaot {

/// Text for `tinyaot inspect --npu ...`: the summary line, the partitions, and one line per op with
/// where it runs, its partition, the estimated NPU and CPU cycles and the reason. Empty without "npu".
std::string render_placement_text(const nlohmann::json& report);

/// HTML summary rows (<dt>/<dd>) for the NPU split; empty without "npu".
std::string placement_summary_html(const nlohmann::json& report);

/// Extra <th> cells of the layer table; empty without "npu".
std::string placement_head_html(const nlohmann::json& report);

/// Extra <td> cells of the layer table for the op at `step`; empty without "npu".
std::string placement_cells_html(const nlohmann::json& report, std::size_t step);

/// Extra (empty) <td> cells of the layer table's footer row, matching placement_head_html.
std::string placement_foot_html(const nlohmann::json& report);

}  // namespace tinyaot
