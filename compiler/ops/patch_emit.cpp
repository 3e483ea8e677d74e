// tinyaot: emission of patch stacks (see patch_emit.h).
#include "compiler/ops/patch_emit.h"

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "compiler/emit/emit_context.h"
#include "compiler/ops/conv_util.h"
#include "compiler/ops/op_def.h"
#include "compiler/support/error.h"
#include "passes/patch_stack.h"

namespace tinyaot {

bool emit_patch_stack(EmitContext& e, const Graph& g, const Op& op) {
  if (op.patch_last < 0) return false;
  const Op& tail = g.ops.at(static_cast<std::size_t>(op.patch_last));
  if (&op != &tail) {
    e.code(fmt::format("// Computed tile by tile by the patch stack ending at op {}.", tail.index));
    return true;
  }
  const int first = op.patch_first, last = op.patch_last;
  const PatchTiling t = stack_tiling(g, last);
  const auto stages = static_cast<std::size_t>(last - first + 1);
  if (t.tiles.empty() || t.tiles.front().size() != stages || op.scratch_offset == kNoOffset)
    throw Error(ErrorKind::kInternal, "patch stack without its tiling or tile buffers").at_op(op.index, op.type());
  e.use_runtime("tinyaot_rt/patch.h");
  const std::string prefix = e.op_prefix();

  // The row bands, [tile][stage], as a compile-time table.
  std::string rows;
  for (const std::vector<StageRows>& tile : t.tiles)
    for (const StageRows& r : tile)
      rows += fmt::format("\n    {{{}, {}, {}, {}, {}}},", r.in_row, r.in_rows, r.out_row, r.out_rows, r.pad_h);
  const std::string table = prefix + "_patch_rows";
  e.decl(fmt::format("constexpr tinyaot_rt::PatchRows {}[{}] = {{{}\n}};", table, t.tiles.size() * stages, rows));

  const Tensor& in = g.tensor(g.ops[static_cast<std::size_t>(first)].inputs[0]);
  const Tensor& out = g.tensor(op.outputs[0]);
  const char* ctype = dtype_ctype(out.type);
  const int64_t in_row_elems = int64_t{in.shape[2]} * in.shape[3];
  const int64_t row_elems = int64_t{out.shape[2]} * out.shape[3];
  const PingPong pp = ping_pong_bytes(t);
  auto buffer = [&](std::size_t k) {
    const std::size_t at = op.scratch_offset + op.patch_own_scratch + (k % 2 == 0 ? 0 : static_cast<std::size_t>(pp.first));
    return fmt::format("reinterpret_cast<{}*>(arena + {})", ctype, at);
  };

  std::string body;
  for (std::size_t k = 0; k < stages; ++k) {
    const Op& s = g.ops[static_cast<std::size_t>(first) + k];
    const std::string_view kernel = s.def->name() == "CONV_2D" ? "conv2d" : "depthwise_conv2d";
    const std::string sp = fmt::format("op{}", s.index);
    const std::string params = fmt::format("tinyaot_rt::patch_window({}_params, patch_rows[{}])", sp, k);
    const std::string src = k == 0 ? fmt::format("{} + patch_rows[0].in_row * {}", e.ptr(s.inputs[0]), in_row_elems)
                                   : buffer(k - 1);
    const std::string dst = k + 1 == stages ? "patch_out" : buffer(k);
    body += fmt::format("  // op {}: {}\n", s.index, s.type());
    std::string call = conv_call_text(e, sp, kernel, params, s.prepared_as<ConvPrepared>(), src, e.ptr(s.inputs[1]), dst);
    for (std::size_t pos = 0; (pos = call.find('\n', pos)) != std::string::npos; pos += 3) call.insert(pos + 1, "  ");
    body += "  " + call + "\n";
  }
  const bool staged = op.inplace_dir != 0;
  const std::string ring = staged ? fmt::format("reinterpret_cast<{}*>(arena + {})", ctype,
                                                op.scratch_offset + op.inplace_ring_offset)
                                  : fmt::format("static_cast<{}*>(nullptr)", ctype);
  e.code(fmt::format(
      R"(// Patch-based execution of ops {first}..{last}: {tiles} tiles of {rows} output row(s), halos recomputed
// ({extra} extra MACs); the intermediate activations only ever exist as tile bands ({a} + {b} bytes).{staged}
tinyaot_rt::patch_tiles(tinyaot_rt::PatchWalk{{{tiles}, {stages}, {row_elems}, {tile_elems}, {rev}, {ring_n}}}, {table},
    /*output=*/{out}, /*ring=*/{ring},
    [&](const tinyaot_rt::PatchRows* patch_rows, {ctype}* patch_out) {{
{body}}});)",
      fmt::arg("first", g.ops[static_cast<std::size_t>(first)].index), fmt::arg("last", op.index),
      fmt::arg("tiles", t.tiles.size()), fmt::arg("rows", t.tile_rows), fmt::arg("extra", t.extra_macs),
      fmt::arg("a", pp.first), fmt::arg("b", pp.second),
      fmt::arg("staged", staged ? fmt::format("\n// The output overlaps the input: {} walk, {} tile(s) staged.",
                                              op.inplace_dir > 0 ? "forward" : "backward", op.inplace_ring)
                                : ""),
      fmt::arg("stages", stages), fmt::arg("row_elems", row_elems),
      fmt::arg("tile_elems", int64_t{t.tile_rows} * row_elems), fmt::arg("rev", op.inplace_dir < 0 ? 1 : 0),
      fmt::arg("ring_n", staged ? op.inplace_ring : 0), fmt::arg("table", table), fmt::arg("out", e.ptr(op.outputs[0])),
      fmt::arg("ring", ring), fmt::arg("ctype", ctype), fmt::arg("body", body)));
  return true;
}

}  // namespace tinyaot
