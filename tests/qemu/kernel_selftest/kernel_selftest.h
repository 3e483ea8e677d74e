// tinyaot QEMU tests: a stand-in "model" whose invoke() checks the core's DSP or Helium kernel variants
// against the reference kernels on pseudo-random layers (real instructions, unlike the host unit test).
// It has the generated-model API so the board harness runs it; invoke() returns the number of failures.
#pragma once

#include <cstddef>
#include <cstdint>

#include "random_layers.h"

namespace kernel_selftest {

inline constexpr std::size_t kArenaSize = 16;
inline constexpr std::size_t kArenaAlignment = 16;
inline constexpr int kNumInputs = 1;
inline constexpr int kNumOutputs = 1;
inline constexpr std::size_t kInputBytes[kNumInputs] = {1};
inline constexpr std::size_t kOutputBytes[kNumOutputs] = {1};

void* input(int index, void* arena);
const void* output(int index, const void* arena);
void reset(void* arena);
/// Runs the random cases; writes the failure count (saturated to 255) to the output; returns it.
int invoke(void* arena);
/// Random ADD / AVERAGE_POOL_2D cases (kernel_selftest_eltwise.cpp); returns the number of failures.
int eltwise_selftest(uint32_t seed);

}  // namespace kernel_selftest
