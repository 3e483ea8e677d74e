// tinyaot sample application (C++): runs the model that tinyaot_add_model() compiled at build time once
// on a fixed input pattern and prints the first output. The arena is static memory owned by the
// application, as on a microcontroller.
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "app_model.h"

namespace {

alignas(16) alignas(app_model::kArenaAlignment) unsigned char arena[app_model::kArenaSize > 0 ? app_model::kArenaSize : 1];

}  // namespace

int main() {
  app_model::reset(arena);
  auto* in = static_cast<unsigned char*>(app_model::input(0, arena));
  for (std::size_t i = 0; i < app_model::kInputBytes[0]; ++i) in[i] = static_cast<unsigned char>((i * 37u) & 0xFFu);
  if (app_model::invoke(arena) != 0) {
    std::printf("cmake_app: invoke failed\n");
    return 1;
  }
  const auto* out = static_cast<const signed char*>(app_model::output(0, arena));
  std::printf("cmake_app: arena %zu bytes, %llu MACs, output 0:", app_model::kArenaSize,
              static_cast<unsigned long long>(app_model::kMacs));
  for (std::size_t i = 0; i < app_model::kOutputBytes[0] && i < 16; ++i) std::printf(" %d", out[i]);
  std::printf("\n");
  return 0;
}
