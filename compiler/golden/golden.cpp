// tinyaot golden: compile, host build, run, compare (see golden.h).
#include "compiler/golden/golden.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "compiler/emit/template.h"
#include "compiler/golden/host.h"
#include "compiler/golden/npy.h"
#include "compiler/support/error.h"

namespace tinyaot::golden {

namespace fs = std::filesystem;

namespace {

DType dtype_from_name(const std::string& n) {
  for (DType t : {DType::kInt8, DType::kUInt8, DType::kInt16, DType::kInt32, DType::kInt64, DType::kFloat32,
                  DType::kBool})
    if (n == dtype_name(t)) return t;
  return DType::kOther;
}

/// A temporary folder that is removed when it goes out of scope (unless the user chose the folder).
struct WorkDir {
  fs::path path;
  bool remove = false;
  explicit WorkDir(const std::string& chosen) {
    if (!chosen.empty()) {
      path = chosen;
      std::error_code ec;
      fs::create_directories(path, ec);
      if (ec) throw Error(ErrorKind::kIo, "cannot create the work folder: " + ec.message()).in_file(chosen);
      return;
    }
    std::string tmpl = (fs::temp_directory_path() / "tinyaot-golden-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw Error(ErrorKind::kIo, "cannot create a temporary folder").in_file(tmpl);
    path = tmpl;
    remove = true;
  }
  ~WorkDir() {
    std::error_code ec;
    if (remove) fs::remove_all(path, ec);
  }
};

Records read_outputs(const fs::path& file, const std::vector<TensorSpec>& outs, std::size_t count) {
  Records r;
  for (const auto& s : outs) r.record_bytes += s.bytes;
  r.count = count;
  r.data = read_file_bytes(file.string());
  if (r.data.size() != r.record_bytes * count)
    throw Error(ErrorKind::kInternal, fmt::format("the harness wrote {} bytes, expected {}", r.data.size(),
                                                  r.record_bytes * count))
        .in_file(file.string());
  return r;
}

void append(Records& all, const Records& more) {
  all.record_bytes = more.record_bytes;
  all.count += more.count;
  all.data.insert(all.data.end(), more.data.begin(), more.data.end());
}

}  // namespace

std::vector<TensorSpec> specs_from_report(const std::string& report_json, bool outputs) {
  const auto r = nlohmann::json::parse(report_json);
  std::vector<TensorSpec> specs;
  for (const auto& id : r[outputs ? "outputs" : "inputs"]) {
    const auto& t = r["tensors"][id.get<std::size_t>()];
    TensorSpec s;
    s.name = t["name"].get<std::string>();
    s.type = dtype_from_name(t["dtype"].get<std::string>());
    s.shape = t["shape"].get<Shape>();
    s.bytes = t["bytes"].get<std::size_t>();
    if (t.contains("scale") && t["scale"].is_number()) {
      s.scale = t["scale"].get<float>();
      s.zero_point = t["zero_point"].get<int32_t>();
    }
    specs.push_back(std::move(s));
  }
  return specs;
}

std::vector<std::pair<std::string, std::string>> find_vector_pairs(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(ErrorKind::kUsage, "--vectors: not a folder").in_file(dir);
  static const std::regex kInput(R"(input_(\d+)\.(bin|npy))");
  std::vector<std::pair<long, std::string>> inputs;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::smatch m;
    const std::string f = e.path().filename().string();
    if (std::regex_match(f, m, kInput)) inputs.emplace_back(std::stol(m[1]), e.path().string());
  }
  if (inputs.empty()) throw Error(ErrorKind::kUsage, "--vectors: no input_<k>.bin or input_<k>.npy files").in_file(dir);
  std::sort(inputs.begin(), inputs.end());
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [k, in] : inputs) {
    std::string out;
    for (const char* ext : {".bin", ".npy"}) {
      const fs::path p = fs::path(dir) / fmt::format("output_{}{}", k, ext);
      if (fs::exists(p)) out = p.string();
    }
    if (out.empty()) throw Error(ErrorKind::kUsage, fmt::format("--vectors: output_{}.bin is missing", k)).in_file(in);
    pairs.emplace_back(in, out);
  }
  return pairs;
}

GoldenResult run_golden(const GoldenOptions& opts, const std::function<void(const std::string&)>& progress) {
  const bool have_files = !opts.inputs.empty() || !opts.expects.empty();
  if (have_files == !opts.vectors_dir.empty())
    throw Error(ErrorKind::kUsage, "give either --input and --expect files or --vectors DIR");
  if (have_files && (opts.inputs.empty() || opts.expects.empty()))
    throw Error(ErrorKind::kUsage, "--input needs --expect (and the other way round)");
  if (opts.tolerance < 0) throw Error(ErrorKind::kUsage, "--tolerance must not be negative");

  WorkDir work(opts.work_dir);
  GoldenResult res;
  CompileOptions copts = opts.compile;
  copts.out_dir = (work.path / "out").string();
  progress("compiling " + copts.model_path + " into " + copts.out_dir);
  res.compiled = compile(copts);
  const auto in_specs = specs_from_report(res.compiled.report, false);
  const auto out_specs = specs_from_report(res.compiled.report, true);

  // Inputs and expected outputs as records in the model's own layout.
  Records inputs, expected;
  LoadOptions in_opts{opts.float_inputs, "input"}, out_opts{false, "output"};
  if (opts.vectors_dir.empty()) {
    inputs = load_records(opts.inputs, in_specs, in_opts);
    expected = load_records(opts.expects, out_specs, out_opts);
  } else {
    for (const auto& [in, out] : find_vector_pairs(opts.vectors_dir)) {
      const Records i = load_records({in}, in_specs, in_opts), e = load_records({out}, out_specs, out_opts);
      if (i.count != e.count)
        throw Error(ErrorKind::kUsage, fmt::format("{} holds {} input records but {} holds {} output records", in,
                                                   i.count, out, e.count))
            .in_file(in);
      append(inputs, i);
      append(expected, e);
    }
  }
  if (inputs.count != expected.count)
    throw Error(ErrorKind::kUsage, fmt::format("the inputs hold {} records but the expected outputs hold {}",
                                               inputs.count, expected.count));
  res.records = inputs.count;
  write_records((work.path / "inputs.bin").string(), inputs);

  // Host build: every generated .cpp plus the harness.
  const fs::path harness = work.path / "golden_harness.cpp", exe = work.path / "golden_harness";
  {
    std::ofstream f(harness);
    f << render_embedded("golden_harness.cpp.tpl", {{"name", res.compiled.name}, {"version", TINYAOT_VERSION}});
    if (!f) throw Error(ErrorKind::kIo, "cannot write the host harness").in_file(harness.string());
  }
  std::vector<std::string> argv = host_cxx(opts.cxx);
  argv.emplace_back("-std=c++17");
  argv.insert(argv.end(), opts.cxxflags.begin(), opts.cxxflags.end());
  argv.push_back("-I" + copts.out_dir);
  std::vector<std::string> sources;
  for (const auto& f : res.compiled.files)
    if (fs::path(f).extension() == ".cpp") sources.push_back((fs::path(copts.out_dir) / f).string());
  argv.insert(argv.end(), sources.begin(), sources.end());
  argv.insert(argv.end(), {harness.string(), "-o", exe.string()});
  progress("building: " + command_line(argv));
  ProcessResult pr = run_process(argv, (work.path / "build.log").string(), opts.timeout_s);
  if (!pr.ok()) {
    res.status = GoldenStatus::kBuildFailed;
    res.message = fmt::format("the host build failed ({}):\n  {}\n{}", pr.timed_out ? "timed out" : fmt::format("exit code {}", pr.exit_code),
                              command_line(argv), pr.log);
    return res;
  }

  const std::vector<std::string> run = {exe.string(), (work.path / "inputs.bin").string(),
                                        (work.path / "outputs.bin").string(), std::to_string(inputs.count),
                                        opts.keep_state ? "1" : "0"};
  progress(fmt::format("running {} record(s): {}", inputs.count, command_line(run)));
  pr = run_process(run, (work.path / "run.log").string(), opts.timeout_s);
  if (!pr.ok()) {
    res.status = GoldenStatus::kRunFailed;
    res.message = fmt::format("the generated code failed on the host ({}):\n  {}\n{}",
                              pr.timed_out ? "timed out" : fmt::format("exit code {}", pr.exit_code),
                              command_line(run), pr.log);
    return res;
  }
  const Records got = read_outputs(work.path / "outputs.bin", out_specs, inputs.count);
  res.diffs = compare_records(got, expected, out_specs, opts.tolerance);
  const bool all_ok = std::all_of(res.diffs.begin(), res.diffs.end(), [](const OutputDiff& d) { return d.ok(); });
  res.status = all_ok ? GoldenStatus::kMatch : GoldenStatus::kMismatch;
  return res;
}

}  // namespace tinyaot::golden
