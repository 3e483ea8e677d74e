// tinyaot: the pipeline. One straight line, expanded from passes/pass_list.h: run, verify, maybe dump.
#include "compiler/driver/pipeline.h"

#include <fmt/format.h>

#include <cstdio>

#include "compiler/support/error.h"
#include "passes/alias_views.h"
#include "passes/check_ops.h"
#include "passes/fuse_input_transpose.h"
#include "passes/fuse_pad.h"
#include "passes/partition.h"
#include "passes/patch_stack.h"
#include "passes/place_concat.h"
#include "passes/plan_memory.h"
#include "passes/prepare_ops.h"
#include "passes/schedule.h"

namespace tinyaot {

std::vector<std::pair<std::string, std::string>> pass_names() {
  return {
      {"read", "The IR as read from the model file"},
#define TINYAOT_PASS(Class, cli_name, summary) {cli_name, summary},
#include "passes/pass_list.h"
#undef TINYAOT_PASS
  };
}

namespace {

void after(const Graph& g, const std::string& pass, const PipelineOptions& opts) {
  verify(g, pass);
  if (opts.dump_after == pass) std::fputs(dump(g).c_str(), stderr);
}

}  // namespace

void run_pipeline(Graph& g, const PipelineOptions& opts) {
  if (!opts.dump_after.empty()) {
    bool known = false;
    std::string names;
    for (const auto& [n, s] : pass_names()) {
      known |= n == opts.dump_after;
      names += (names.empty() ? "" : ", ") + n;
    }
    if (!known)
      throw Error(ErrorKind::kUsage, fmt::format("unknown pass '{}' for --dump-after; passes: {}", opts.dump_after, names));
  }
  after(g, "read", opts);
#define TINYAOT_PASS(Class, cli_name, summary) \
  {                                            \
    Class pass;                                \
    pass.run(g, opts.pass);                    \
    after(g, cli_name, opts);                  \
  }
#include "passes/pass_list.h"
#undef TINYAOT_PASS
  if (g.arena_size > kMaxArenaBytes)
    throw Error(ErrorKind::kDoesNotFit,
                fmt::format("the model needs an arena of {} bytes, more than tinyaot's limit of {} bytes "
                            "(offsets must fit the 32-bit targets)",
                            g.arena_size, kMaxArenaBytes))
        .in_file(g.source);
}

}  // namespace tinyaot
