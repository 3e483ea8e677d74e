// tinyaot targets: the CPU and board tables agree with each other, with the toolchain file and with the
// board support files (runs on the host, no Arm tools needed).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/support/error.h"
#include "targets/boards.h"
#include "targets/cpus.h"

namespace tinyaot {
namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

TEST(Cpus, LookupAndKernelFamily) {
  ASSERT_NE(find_cpu("cortex-m4"), nullptr);
  EXPECT_EQ(find_cpu("m4"), find_cpu("cortex-m4"));
  EXPECT_EQ(find_cpu("cortex-m99"), nullptr);
  EXPECT_EQ(kernel_isa("generic"), KernelIsa::kGeneric);
  EXPECT_EQ(kernel_isa("cortex-m0plus"), KernelIsa::kGeneric);
  EXPECT_EQ(kernel_isa("cortex-m3"), KernelIsa::kGeneric);
  EXPECT_EQ(kernel_isa("cortex-m4"), KernelIsa::kDsp);
  EXPECT_EQ(kernel_isa("cortex-m7"), KernelIsa::kDsp);
  EXPECT_EQ(kernel_isa("cortex-m33"), KernelIsa::kDsp);
  EXPECT_EQ(kernel_isa("cortex-m55"), KernelIsa::kMve);
  EXPECT_EQ(kernel_isa("cortex-m85"), KernelIsa::kMve);
  EXPECT_EQ(kernel_isa_name(KernelIsa::kMve), "mve");
}

TEST(Cpus, UnknownTargetIsAUsageError) {
  try {
    require_cpu("cortex-a53");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("cortex-m55"), std::string::npos) << e.what();
  }
}

TEST(Cpus, EveryCoreHasFlagsAndMemories) {
  for (const CpuInfo& c : all_cpus()) {
    if (c.name == "generic") continue;
    EXPECT_NE(c.gcc_flags.find("-mthumb"), std::string_view::npos) << c.name;
    EXPECT_GT(c.typical_flash, 0u) << c.name;
    EXPECT_GT(c.typical_ram, 0u) << c.name;
    EXPECT_TRUE(!c.mve || c.dsp) << c.name << ": every MVE core has the DSP extension";
    EXPECT_EQ(c.stack_limit, c.arch.starts_with("armv8")) << c.name;
  }
}

TEST(Cpus, ToolchainFileAgrees) {
  const std::string tc = read_text(std::filesystem::path(TINYAOT_SOURCE_DIR) / "cmake/arm-none-eabi.cmake");
  ASSERT_FALSE(tc.empty());
  for (const CpuInfo& c : all_cpus()) {
    if (c.name == "generic") continue;
    const std::string line = "set(TINYAOT_CPU_FLAGS_" + std::string(c.name) + " \"" + std::string(c.gcc_flags) + "\")";
    EXPECT_NE(tc.find(line), std::string::npos) << "cmake/arm-none-eabi.cmake lacks: " << line;
  }
}

TEST(Boards, TableMatchesFiles) {
  const std::filesystem::path dir = std::filesystem::path(TINYAOT_SOURCE_DIR) / "targets/boards";
  for (const BoardInfo& b : all_boards()) {
    ASSERT_NE(find_cpu(b.cpu), nullptr) << b.name;
    EXPECT_EQ(find_board(b.name), &b);
    EXPECT_EQ(board_for_cpu(b.cpu), &b);
    const std::string ld = read_text(dir / b.linker_script);
    ASSERT_FALSE(ld.empty()) << b.linker_script;
    EXPECT_NE(ld.find("INCLUDE sections.ld"), std::string::npos) << b.linker_script;
    char origin[16];
    std::snprintf(origin, sizeof origin, "0x%08X", b.code.origin);
    EXPECT_NE(ld.find(origin), std::string::npos) << b.linker_script << " code origin " << origin;
    std::snprintf(origin, sizeof origin, "0x%08X", b.ram.origin);
    EXPECT_NE(ld.find(origin), std::string::npos) << b.linker_script << " RAM origin " << origin;
  }
  EXPECT_EQ(board_for_cpu("cortex-m55")->name, "mps3-an547");
  EXPECT_EQ(board_for_cpu("cortex-m85"), nullptr);
}

}  // namespace
}  // namespace tinyaot
