// tinyaot runtime: byte copy for ops that only reinterpret their input (RESHAPE and friends) when the
// memory planner could not make the output a view of the input.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tinyaot_rt {

/// Copies `bytes` bytes; a no-op when source and destination are the same place.
inline void copy_bytes(const void* src, void* dst, std::size_t bytes) {
  const auto* s = static_cast<const uint8_t*>(src);
  auto* d = static_cast<uint8_t*>(dst);
  if (s == d) return;
  for (std::size_t i = 0; i < bytes; ++i) d[i] = s[i];
}

}  // namespace tinyaot_rt
