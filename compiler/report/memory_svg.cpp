// tinyaot: the SVG picture of a memory plan for the HTML report. Op steps run left to right, arena
// offsets top to bottom; every arena buffer is a box spanning its live steps and its bytes, with a
// tooltip (<title>) naming the tensor. A dashed line per step marks the live bytes (the lower bound), so
// the gap between it and the arena bottom shows how much the placement costs.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "compiler/report/report.h"

namespace tinyaot {

using nlohmann::json;

namespace {

constexpr double kLeft = 84, kTop = 36, kPlotH = 440, kBottom = 28, kRight = 16;

const char* kind_color(const std::string& kind) {
  if (kind == "input") return "#4e79a7";
  if (kind == "output") return "#e15759";
  if (kind == "variable") return "#b07aa1";
  if (kind == "scratch") return "#f28e2b";
  return "#59a14f";  // activation
}

/// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `n` ticks over `range`.
double tick_step(double range, int n) {
  if (range <= 0) return 1;
  const double raw = range / n, mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * mag) return std::max(1.0, m * mag);
  return std::max(1.0, 10 * mag);
}

}  // namespace

std::string render_memory_svg(const json& r) {
  const int steps = std::max(1, r["arena"]["steps"].get<int>());
  const double arena = static_cast<double>(r["arena"]["size"].get<std::size_t>());
  const double plot_w = std::clamp(steps * 56.0, 600.0, 1200.0), step_w = plot_w / steps;
  const double width = kLeft + plot_w + kRight, height = kTop + kPlotH + kBottom;
  const double y_scale = arena > 0 ? kPlotH / arena : 0;
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plan\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" role=\"img\" aria-label=\"memory plan\">\n",
      width, height);
  s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" class=\"arena\"/>\n", kLeft, kTop, plot_w,
                   kPlotH);
  // Step axis (top): every k-th step so labels never collide.
  const int every = std::max(1, static_cast<int>(std::ceil(28.0 / step_w)));
  for (int i = 0; i < steps; i += every)
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">{}</text>\n",
                     kLeft + (i + 0.5) * step_w, kTop - 8, i);
  s += fmt::format("<text x=\"{}\" y=\"14\" class=\"axis-title\">op step &#8594;</text>\n", kLeft);
  // Offset axis (left).
  if (arena > 0) {
    const double dt = tick_step(arena, 8);
    for (double v = 0; v <= arena + 0.5; v += dt) {
      const double y = kTop + v * y_scale;
      s += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/>\n", kLeft - 4, y,
                       kLeft + plot_w, y);
      s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"axis\" text-anchor=\"end\">{:.0f}</text>\n", kLeft - 6,
                       y + 4, v);
    }
  } else {
    s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"axis\">empty arena</text>\n", kLeft + 10,
                     kTop + kPlotH / 2);
  }
  s += fmt::format("<text x=\"12\" y=\"{:.1f}\" class=\"axis-title\" transform=\"rotate(-90 12 {:.1f})\" "
                   "text-anchor=\"middle\">arena offset (bytes) &#8595;</text>\n",
                   kTop + kPlotH / 2, kTop + kPlotH / 2);
  // Buffers.
  for (const auto& b : r["buffers"]) {
    if (b["offset"].is_null() || arena <= 0) continue;
    const auto off = b["offset"].get<std::size_t>(), size = b["size"].get<std::size_t>();
    const int first = b["first"].get<int>(), last = b["last"].get<int>();
    const double x = kLeft + first * step_w + 1, w = std::max(2.0, (last - first + 1) * step_w - 2);
    const double y = kTop + static_cast<double>(off) * y_scale;
    const double h = std::max(1.5, static_cast<double>(size) * y_scale);
    const std::string kind = b["kind"].get<std::string>(), label = b["label"].get<std::string>();
    std::string tip = fmt::format("{} ({})&#10;offset {}, {} bytes&#10;live at steps {}..{}", html_escape(label),
                                  kind, off, size, first, last);
    if (b.contains("tensor")) {
      const json& t = r["tensors"][b["tensor"].get<std::size_t>()];
      std::string dims;
      for (const auto& d : t["shape"]) dims += (dims.empty() ? "" : ",") + std::to_string(d.get<int>());
      tip += fmt::format("&#10;{}[{}]", t["dtype"].get<std::string>(), dims);
      if (!b["views"].empty()) tip += fmt::format("&#10;shared by views {}", b["views"].dump());
    }
    s += fmt::format("<g class=\"buf\"><title>{}</title><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
                     "height=\"{:.1f}\" fill=\"{}\"/>",
                     tip, x, y, w, h, kind_color(kind));
    // A label only where it fits, cut to the box width (about 6.5 px per character at 11 px).
    const auto fit = static_cast<std::size_t>(std::max(0.0, (w - 6) / 6.5));
    std::string text = label.size() <= fit ? label : fit >= 6 ? label.substr(0, fit - 3) + "..." : "";
    if (h >= 13 && !text.empty())
      s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"label\">{}</text>", x + 3, y + std::min(h / 2 + 4, 14.0),
                       html_escape(text));
    s += "</g>\n";
  }
  // Live bytes per step: the floor no placement can go under.
  for (const auto& op : r["ops"]) {
    if (arena <= 0) break;
    const int i = op["step"].get<int>();
    const double y = kTop + static_cast<double>(op["live_bytes"].get<std::size_t>()) * y_scale;
    s += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"live\"><title>step {}: "
                     "{} bytes live</title></line>\n",
                     kLeft + i * step_w, y, kLeft + (i + 1) * step_w, y, i, op["live_bytes"].get<std::size_t>());
  }
  // Legend.
  double lx = kLeft;
  const double ly = kTop + kPlotH + 10;
  for (const char* k : {"input", "activation", "output", "variable", "scratch"}) {
    s += fmt::format("<rect x=\"{:.0f}\" y=\"{:.0f}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{:.0f}\" "
                     "y=\"{:.0f}\" class=\"axis\">{}</text>\n",
                     lx, ly, kind_color(k), lx + 16, ly + 10, k);
    lx += 96;
  }
  s += fmt::format("<line x1=\"{0:.0f}\" y1=\"{1:.0f}\" x2=\"{2:.0f}\" y2=\"{1:.0f}\" class=\"live\"/><text "
                   "x=\"{3:.0f}\" y=\"{4:.0f}\" class=\"axis\">live bytes</text>\n",
                   lx, ly + 6, lx + 20, lx + 24, ly + 10);
  s += "</svg>\n";
  return s;
}

}  // namespace tinyaot
