// tinyaot conformance: layer-by-layer diagnosis of a mismatch (--trace vs intermediates_1.bin).
// Only runs after a failure, so its cost (a second compile and build) is paid only when it helps.
#include "trace_check.h"

#include <cctype>
#include <cstring>
#include <map>
#include <sstream>
#include <vector>

#include "compare.h"
#include "compiler/support/error.h"
#include "host_build.h"

namespace tinyaot::conformance {
namespace fs = std::filesystem;

namespace {

struct TraceRecord {
  int tensor_id = -1;
  std::size_t offset = 0, bytes = 0;  // into the trace file
};

// The harness writes: int32 id, uint64 byte count, bytes; repeated.
std::vector<TraceRecord> parse_trace(const std::vector<std::uint8_t>& t) {
  std::vector<TraceRecord> out;
  std::size_t p = 0;
  while (p + 12 <= t.size()) {
    std::int32_t id;
    std::uint64_t n;
    std::memcpy(&id, t.data() + p, 4);
    std::memcpy(&n, t.data() + p + 4, 8);
    p += 12;
    if (n > t.size() - p) break;  // truncated (the harness crashed mid-write)
    out.push_back({id, p, static_cast<std::size_t>(n)});
    p += static_cast<std::size_t>(n);
  }
  return out;
}

// "op 3 (CONV_2D)" from the generated source's "// op 3: CONV_2D -> t7 ..." block comments.
std::string producer(const std::string& source, int tensor_id) {
  std::istringstream in(source);
  std::string tok(1, 't');  // not "t" + to_string(): GCC 12 -O3 warns falsely (-Wrestrict)
  tok += std::to_string(tensor_id);
  for (std::string line; std::getline(in, line);) {
    const auto op = line.find("// op ");
    const auto arrow = line.find("->");
    if (op == std::string::npos || arrow == std::string::npos) continue;
    for (auto at = line.find(tok, arrow); at != std::string::npos; at = line.find(tok, at + 1)) {
      const char before = line[at - 1], after = at + tok.size() < line.size() ? line[at + tok.size()] : ' ';
      if ((before == ' ' || before == ',') && !std::isdigit(static_cast<unsigned char>(after))) {
        const auto colon = line.find(':', op);
        if (colon == std::string::npos || colon + 2 > arrow) return "unknown op";
        std::ostringstream o;  // "op 3 (CONV_2D)"
        o << line.substr(op + 3, colon - op - 3) << " (" << line.substr(colon + 2, arrow - colon - 3) << ")";
        return o.str();
      }
    }
  }
  return "unknown op";
}

}  // namespace

std::string first_divergence(const GoldenCase& c, const Manifest& m, const fs::path& work, CompileOptions opts) {
  const std::vector<Intermediate> golden = load_intermediates(c.dir);
  if (golden.empty()) return "(no intermediates_1.json for this case: no layer-by-layer diagnosis)\n";
  if (m.seeds.empty() || !fs::exists(c.dir / "input_1.bin")) return "(no seed 1 input: no layer-by-layer diagnosis)\n";
  opts.trace = true;
  opts.out_dir = (work / "out_trace").string();
  try {
    tinyaot::compile(opts);
  } catch (const std::exception& e) {
    return std::string("(trace diagnosis: compile with --trace failed: ") + e.what() + ")\n";
  }
  const fs::path exe = work / "harness_trace";
  const RunResult b = build_harness(opts.out_dir, opts.name, true, exe);
  if (!b.ok()) return "(trace diagnosis: host build with --trace failed:\n" + b.log + ")\n";
  const fs::path trace_file = work / "trace_1.bin";
  const RunResult r = run_process({exe.string(), (c.dir / "input_1.bin").string(),
                                   (work / "output_trace_1.bin").string(), trace_file.string()},
                                  work / "run_trace_1.log", 300);
  if (!r.ok()) return "(trace diagnosis: traced harness failed (exit " + std::to_string(r.exit_code) + "):\n" + r.log + ")\n";

  const std::vector<std::uint8_t> trace = read_file(trace_file);
  const std::vector<std::uint8_t> bin = read_file(c.dir / "intermediates_1.bin");
  const std::string source = read_text(fs::path(opts.out_dir) / (opts.name + ".cpp"));
  std::map<int, const Intermediate*> by_id;
  for (const Intermediate& i : golden) by_id[i.tensor_index] = &i;

  const std::vector<TraceRecord> records = parse_trace(trace);
  std::size_t checked = 0, unknown = 0;
  for (std::size_t k = 0; k < records.size(); ++k) {
    const TraceRecord& t = records[k];
    const auto it = by_id.find(t.tensor_id);
    if (it == by_id.end() || it->second->offset + it->second->bytes > bin.size()) {
      ++unknown;  // a tensor TFLM does not have (e.g. introduced by a pass): nothing to compare with
      continue;
    }
    const Intermediate& g = *it->second;
    ++checked;
    const Diff d = compare(bin.data() + g.offset, g.bytes, trace.data() + t.offset, t.bytes, g.dtype);
    if (d.equal()) continue;
    std::ostringstream o;
    o << "first diverging tensor (seed 1, traced tensor " << k + 1 << " of " << records.size() << "): tensor "
      << g.tensor_index << " '" << g.name << "' " << g.dtype << ", produced by " << producer(source, g.tensor_index)
      << ": " << d.summary() << "\n  (emitted traced code kept in " << opts.out_dir << ")\n";
    return o.str();
  }
  std::ostringstream o;
  o << "(trace diagnosis: all " << checked << " traced tensors that TFLM also has match intermediates_1.bin";
  if (unknown) o << "; " << unknown << " traced tensors have no TFLM counterpart";
  o << " - the difference is after the last op or in the output copy)\n";
  return o.str();
}

}  // namespace tinyaot::conformance
