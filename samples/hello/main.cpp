// tinyaot sample: runs the sample model compiled by `tinyaot compile ... --name sample_model`.
// Shows the whole generated API: a caller-owned static arena, input()/reset()/invoke()/output(), and the
// per-tensor facts in the header (sizes, element types, scale and zero point for dequantizing).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

#ifndef SAMPLE_MODEL_HEADER
#define SAMPLE_MODEL_HEADER "sample_model.h"
#define SAMPLE_MODEL_NS sample_model
#endif
#include SAMPLE_MODEL_HEADER

namespace model = SAMPLE_MODEL_NS;

namespace {

// The working memory: static, owned by the application, aligned as the model requires. On a
// microcontroller this is the only RAM the model uses (weights stay in flash).
alignas(model::kArenaAlignment) unsigned char g_arena[model::kArenaSize > 0 ? model::kArenaSize : 1];

// A deterministic input: an int8 ramp over the whole range (other element types get a byte pattern).
void fill_input(int index) {
  auto* p = static_cast<unsigned char*>(model::input(index, g_arena));
  const model::TensorInfo& info = model::kInputs[index];
  for (std::size_t b = 0; b < model::kInputBytes[index]; ++b) {
    const std::int8_t ramp = static_cast<std::int8_t>(static_cast<int>((b * 37) % 256) - 128);
    p[b] = info.type == model::ElementType::kInt8 ? static_cast<unsigned char>(ramp)
                                                   : static_cast<unsigned char>(b * 7 + 3);
  }
}

void print_output(int index) {
  const model::TensorInfo& info = model::kOutputs[index];
  const void* data = model::output(index, g_arena);
  std::printf("output %d '%s': %zu bytes, scale %g, zero point %d\n", index, info.name, info.bytes,
              static_cast<double>(info.scale), static_cast<int>(info.zero_point));
  if (info.type != model::ElementType::kInt8) {
    std::printf("  (not int8: raw bytes not shown)\n");
    return;
  }
  const auto* q = static_cast<const std::int8_t*>(data);
  const std::size_t shown = info.bytes < 32 ? info.bytes : 32;
  for (std::size_t i = 0; i < shown; ++i) {
    // real = scale * (q - zero_point), the TFLite affine quantization.
    const float real = info.scale * static_cast<float>(q[i] - info.zero_point);
    std::printf("  [%zu] q=%4d  real=%9.5f\n", i, static_cast<int>(q[i]), static_cast<double>(real));
  }
  if (shown < info.bytes) std::printf("  ... (%zu more)\n", info.bytes - shown);
}

}  // namespace

int main() {
  std::printf("model: %d input(s), %d output(s), arena %zu bytes (kArenaSize), weights %zu bytes, %llu MACs\n",
              model::kNumInputs, model::kNumOutputs, static_cast<std::size_t>(model::kArenaSize),
              static_cast<std::size_t>(model::kWeightBytes), static_cast<unsigned long long>(model::kMacs));
  model::reset(g_arena);  // once, before the first invoke (initializes model state, if any)
  for (int i = 0; i < model::kNumInputs; ++i) fill_input(i);
  const int rc = model::invoke(g_arena);
  if (rc != 0) {
    std::printf("invoke() failed: %d\n", rc);
    return 1;
  }
  for (int i = 0; i < model::kNumOutputs; ++i) print_output(i);
  return 0;
}
