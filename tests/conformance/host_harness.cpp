// tinyaot host harness: a generic main() compiled together with one emitted model.
//
//   c++ -std=c++17 -O2 -I OUT -DTINYAOT_MODEL_HEADER=\"NAME.h\" -DTINYAOT_MODEL_NS=NAME [-DTINYAOT_TRACE]
//       OUT/*.cpp host_harness.cpp -o harness
//   harness input.bin output.bin [trace.bin]
//
// input.bin holds all inputs concatenated (sizes from kInputBytes), output.bin receives all outputs
// concatenated. With -DTINYAOT_TRACE the model must be compiled with --trace; every traced tensor is
// appended to trace.bin as: int32 tensor id, uint64 byte count, the bytes (little-endian host order).
// Prints "arena_size <kArenaSize>" on stdout. Exit codes: 0 ok, 2 usage/I-O, 3 invoke() failed.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#ifndef TINYAOT_MODEL_HEADER
#error "define TINYAOT_MODEL_HEADER, e.g. -DTINYAOT_MODEL_HEADER=\\\"model.h\\\""
#endif
#ifndef TINYAOT_MODEL_NS
#error "define TINYAOT_MODEL_NS, e.g. -DTINYAOT_MODEL_NS=model"
#endif

#include TINYAOT_MODEL_HEADER

namespace model = TINYAOT_MODEL_NS;

namespace {

// The arena is static storage owned by the caller, as on a microcontroller (no heap for the model).
// A zero-size arena still needs one byte to be a valid array.
constexpr std::size_t kArenaBytes = model::kArenaSize > 0 ? model::kArenaSize : 1;
alignas(16) alignas(model::kArenaAlignment) unsigned char g_arena[kArenaBytes];

#ifdef TINYAOT_TRACE
std::FILE* g_trace = nullptr;
#endif

bool read_all(const char* path, std::vector<unsigned char>& out) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  unsigned char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.insert(out.end(), buf, buf + n);
  const bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

}  // namespace

#ifdef TINYAOT_TRACE
#define TINYAOT_CAT2(a, b) a##b
#define TINYAOT_CAT(a, b) TINYAOT_CAT2(a, b)
// Called by the generated invoke() after every op for each tensor it produced.
void TINYAOT_CAT(TINYAOT_MODEL_NS, _trace)(int tensor_id, const void* data, std::size_t bytes) {
  if (!g_trace) return;
  const std::int32_t id = tensor_id;
  const std::uint64_t n = bytes;
  std::fwrite(&id, sizeof id, 1, g_trace);
  std::fwrite(&n, sizeof n, 1, g_trace);
  if (bytes > 0) std::fwrite(data, 1, bytes, g_trace);
}
#endif

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s input.bin output.bin [trace.bin]\n", argv[0]);
    return 2;
  }
  std::printf("arena_size %zu\n", static_cast<std::size_t>(model::kArenaSize));

  std::size_t in_total = 0;
  for (int i = 0; i < model::kNumInputs; ++i) in_total += model::kInputBytes[i];
  std::vector<unsigned char> in;
  if (!read_all(argv[1], in)) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  if (in.size() != in_total) {
    std::fprintf(stderr, "%s has %zu bytes, the model takes %zu\n", argv[1], in.size(), in_total);
    return 2;
  }

#ifdef TINYAOT_TRACE
  if (argc == 4 && !(g_trace = std::fopen(argv[3], "wb"))) {
    std::fprintf(stderr, "cannot write %s\n", argv[3]);
    return 2;
  }
#endif

  model::reset(g_arena);
  std::size_t pos = 0;
  for (int i = 0; i < model::kNumInputs; ++i) {
    void* dst = model::input(i, g_arena);
    if (!dst) {
      std::fprintf(stderr, "input(%d) returned nullptr\n", i);
      return 3;
    }
    if (model::kInputBytes[i] > 0) std::memcpy(dst, in.data() + pos, model::kInputBytes[i]);
    pos += model::kInputBytes[i];
  }
  const int rc = model::invoke(g_arena);
#ifdef TINYAOT_TRACE
  if (g_trace) std::fclose(g_trace);
#endif
  if (rc != 0) {
    std::fprintf(stderr, "invoke() returned %d\n", rc);
    return 3;
  }

  std::FILE* out = std::fopen(argv[2], "wb");
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", argv[2]);
    return 2;
  }
  bool ok = true;
  for (int i = 0; i < model::kNumOutputs; ++i) {
    const void* src = model::output(i, g_arena);
    if (!src) {
      std::fprintf(stderr, "output(%d) returned nullptr\n", i);
      ok = false;
      break;
    }
    if (model::kOutputBytes[i] > 0) ok &= std::fwrite(src, 1, model::kOutputBytes[i], out) == model::kOutputBytes[i];
  }
  ok &= std::fclose(out) == 0;
  return ok ? 0 : 2;
}
