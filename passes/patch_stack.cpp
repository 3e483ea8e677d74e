// tinyaot: pass patch-stack (see patch_stack.h).
#include "passes/patch_stack.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string_view>

#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/support/error.h"
#include "passes/inplace_plan.h"

namespace tinyaot {

namespace {

/// Longest stack tried: deeper stacks recompute more than they save on the models we know.
constexpr int kMaxStages = 12;
/// Stacks start among the first ops (or at a graph input): the first stages hold the big activations.
constexpr int kFirstStarts = 8;
/// Tile heights `auto` tries, in output rows of the stack's last op.
constexpr int32_t kTileRows[] = {1, 2, 3, 4, 6, 8};

/// One op as a stage, or false when it cannot be one.
bool stage_of(const Graph& g, const Op& op, StageGeometry& s) {
  // The op's own scratch (a stack's last op also holds the tile buffers): stages keep none of their own.
  const std::size_t own = op.patch_last >= 0 ? op.patch_own_scratch : op.scratch_bytes;
  if (!op.def || op.npu_partition >= 0 || own != 0 || op.outputs.size() != 1 || op.inputs.size() < 2) return false;
  const std::string_view type = op.def->name();
  if (type != "CONV_2D" && type != "DEPTHWISE_CONV_2D") return false;
  const auto* p = dynamic_cast<const ConvPrepared*>(op.prepared.get());
  if (!p) return false;
  const Tensor& in = g.tensor(op.inputs[0]);
  const Tensor& f = g.tensor(op.inputs[1]);
  const Tensor& out = g.tensor(op.outputs[0]);
  // An NCHW input (fuse-input-transpose) is read by its own kernel, not tile by tile.
  if (in.shape.size() != 4 || out.shape.size() != 4 || f.shape.size() != 4 || in.is_const || in.nchw) return false;
  if (in.shape[0] != 1 || out.shape[0] != 1 || in.type != out.type || out.shape[1] <= 0) return false;
  const auto elem = static_cast<int64_t>(dtype_size(in.type));
  s.in_h = in.shape[1];
  s.out_h = out.shape[1];
  s.filter_h = f.shape[1];  // OHWI and 1HWO alike
  s.stride_h = p->stride_h;
  s.dilation_h = p->dilation_h;
  s.pad_h = p->pad_h;
  s.in_row_bytes = int64_t{in.shape[2]} * in.shape[3] * elem;
  s.out_row_bytes = int64_t{out.shape[2]} * out.shape[3] * elem;
  s.macs_per_row = op.def->macs(g, op) / s.out_h;
  return true;
}

/// Ops reading tensor `id` (each input slot counts), plus one when it is a graph output.
int readers(const Graph& g, int id) {
  int n = g.is_graph_output(id) ? 1 : 0;
  for (const Op& op : g.ops) n += static_cast<int>(std::count(op.inputs.begin(), op.inputs.end(), id));
  return n;
}

void clear_marks(Graph& g) {
  for (Op& op : g.ops) {
    if (op.patch_last >= 0 && op.patch_last == static_cast<int>(&op - g.ops.data())) op.scratch_bytes = op.patch_own_scratch;
    op.patch_first = op.patch_last = -1;
    op.patch_rows = 0;
    op.patch_own_scratch = 0;
  }
  g.patch_extra_macs = 0;
}

void mark(Graph& g, int first, int last, const PatchTiling& t) {
  for (int s = first; s <= last; ++s) {
    Op& op = g.ops[static_cast<std::size_t>(s)];
    op.patch_first = first;
    op.patch_last = last;
    op.patch_rows = t.tile_rows;
  }
  Op& tail = g.ops[static_cast<std::size_t>(last)];
  const PingPong pp = ping_pong_bytes(t);
  tail.patch_own_scratch = tail.scratch_bytes;  // 0: stages with scratch of their own are not stacked
  tail.scratch_bytes += static_cast<std::size_t>(pp.first + pp.second);
  g.patch_extra_macs = t.extra_macs;
}

/// The arena plan-memory would give `g` as marked (without its slower refinement, alike for every try).
std::size_t estimate(const Graph& g, std::size_t alignment) { return plan_inplace(g, alignment, true, false).plan.total; }

}  // namespace

std::vector<StageGeometry> stack_geometry(const Graph& g, int first, int last) {
  std::vector<StageGeometry> stages;
  if (first < 0 || last <= first || last >= static_cast<int>(g.ops.size())) return {};
  for (int s = first; s <= last; ++s) {
    const Op& op = g.ops[static_cast<std::size_t>(s)];
    StageGeometry st;
    if (!stage_of(g, op, st)) return {};
    if (s > first) {
      const int link = g.ops[static_cast<std::size_t>(s) - 1].outputs[0];
      const Tensor& t = g.tensor(link);
      if (op.inputs[0] != link || t.alias_of >= 0 || t.is_variable || readers(g, link) != 1) return {};
    }
    stages.push_back(st);
  }
  return stages;
}

PatchTiling stack_tiling(const Graph& g, int last) {
  const Op& op = g.ops.at(static_cast<std::size_t>(last));
  return tile_stack(stack_geometry(g, op.patch_first, last), op.patch_rows);
}

std::vector<bool> patch_internal_tensors(const Graph& g) {
  std::vector<bool> internal(g.tensors.size(), false);
  for (std::size_t s = 0; s < g.ops.size(); ++s) {
    const Op& op = g.ops[s];
    if (op.patch_last < 0 || op.patch_last == static_cast<int>(s)) continue;
    for (int id : op.outputs) internal[static_cast<std::size_t>(id)] = true;
  }
  return internal;
}

void PatchStack::run(Graph& g, const PassOptions& opts) {
  clear_marks(g);
  // Memory pools are planned without in-place execution, and the estimate below is the single arena's.
  if (opts.patch == "off" || !g.pools.empty()) return;
  int32_t forced = 0;
  if (opts.patch != "auto") {
    const std::string& v = opts.patch;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), forced);
    if (ec != std::errc() || end != v.data() + v.size() || forced < 1)
      throw Error(ErrorKind::kUsage, fmt::format("--patch must be auto, off or a number of rows >= 1, not '{}'", v));
  }
  const std::size_t alignment = opts.alignment == 0 ? 1 : opts.alignment;
  int64_t model_macs = 0;
  for (const Op& op : g.ops) model_macs += op.def ? op.def->macs(g, op) : 0;
  const auto cap = static_cast<int64_t>(opts.max_patch_extra_macs * static_cast<double>(model_macs));

  struct Best {
    int first = -1, last = -1;
    int32_t rows = 0;
    std::size_t arena = 0;
    int64_t extra = 0;
  } best;
  // auto must beat running every op whole; a forced tile height takes the best stack whatever it costs.
  if (!forced) best.arena = estimate(g, alignment);
  const std::vector<int32_t> heights = forced ? std::vector<int32_t>{forced}
                                              : std::vector<int32_t>(std::begin(kTileRows), std::end(kTileRows));
  for (int first = 0; first < static_cast<int>(g.ops.size()); ++first) {
    const Op& head = g.ops[static_cast<std::size_t>(first)];
    if (head.inputs.empty() || head.inputs[0] < 0) continue;
    if (first >= kFirstStarts && !g.is_graph_input(head.inputs[0])) continue;
    for (int last = first + 1; last < first + kMaxStages && last < static_cast<int>(g.ops.size()); ++last) {
      const std::vector<StageGeometry> stages = stack_geometry(g, first, last);
      if (stages.empty()) break;
      // Heights ascending: taller tiles recompute less but hold more, so once a taller tile needs more
      // arena than a shorter one of the same stack, the rest cannot win (this keeps compiles of big
      // models well under a second).
      std::size_t stack_best = SIZE_MAX;
      for (int32_t rows : heights) {
        const PatchTiling t = tile_stack(stages, rows);
        if (!forced && t.extra_macs > cap) continue;
        mark(g, first, last, t);
        const std::size_t arena = estimate(g, alignment);
        clear_marks(g);
        const bool have = best.first >= 0 || !forced;
        if (!have || arena < best.arena || (arena == best.arena && best.first >= 0 && t.extra_macs < best.extra))
          best = {first, last, rows, arena, t.extra_macs};
        if (arena > stack_best) break;
        stack_best = arena;
      }
    }
  }
  if (best.first < 0) return;
  mark(g, best.first, best.last, tile_stack(stack_geometry(g, best.first, best.last), best.rows));
}

}  // namespace tinyaot
