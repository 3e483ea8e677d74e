// tinyaot: a memory pool (--pool NAME:BYTES[:SECTION]).
// With pools the caller provides one arena per pool instead of one arena for everything (e.g. a small,
// fast DTCM and a big SRAM); plan-memory assigns every buffer to one pool and plans each pool on its own.
#pragma once

#include <cstddef>
#include <string>

namespace tinyaot {

/// One caller-owned arena of at most `capacity` bytes, optionally placed in a linker section.
struct MemoryPool {
  std::string name;          ///< C identifier: the field of the generated Pools struct
  std::size_t capacity = 0;  ///< the most bytes the pool may use (the RAM the part has there)
  std::string section;       ///< linker section for the emitted storage macro; "" = none
  std::size_t size = 0;      ///< bytes the plan uses, <= capacity (set by plan-memory)
};

}  // namespace tinyaot
