// tinyaot: the kernel self-test (kernel_selftest/, run on the boards by qemu_case) built for the host
// with the sanitizers: the DSP variants' portable paths over many more seeds than the boards run, and
// AddressSanitizer on the test's own static buffers (a random depthwise case once wrote past them).
#include <cstdio>

#include "kernel_selftest.h"

int main() {
  int failures = 0;
  for (int seed = 0; seed < 64; ++seed) {
    unsigned char arena[kernel_selftest::kArenaSize] = {};
    arena[0] = static_cast<unsigned char>(seed);
    const int f = kernel_selftest::invoke(arena);
    if (f != 0) std::printf("seed %d: %d failing cases\n", seed, f);
    failures += f;
  }
  std::printf("kernel self-test on the host: %d failing cases over 64 seeds\n", failures);
  return failures == 0 ? 0 : 1;
}
