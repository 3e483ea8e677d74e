// tinyaot tests: the recording stand-in of the Ethos-U driver (see recording_driver.h). Test code, not a
// runtime kernel: static state is fine here.
#include "recording_driver.h"

#include "ethosu_driver.h"

namespace tinyaot_test {
namespace {

std::vector<std::string> g_log;
std::vector<NpuInvoke> g_invokes;
NpuExecutor g_executor = nullptr;
ethosu_driver g_driver{0};

}  // namespace

void set_npu_executor(NpuExecutor fn) { g_executor = fn; }
const std::vector<std::string>& npu_call_log() { return g_log; }
const std::vector<NpuInvoke>& npu_invokes() { return g_invokes; }
void record_dcache(const char* what, const void* p, std::size_t n) {
  g_log.push_back(std::string(what) + ":" + std::to_string(p ? n : 0));
}

}  // namespace tinyaot_test

using namespace tinyaot_test;

extern "C" int ethosu_init(ethosu_driver* drv, void*, const void*, size_t, uint32_t, uint32_t) {
  g_log.push_back("init");
  return drv ? 0 : -1;
}

extern "C" ethosu_driver* ethosu_reserve_driver(void) {
  g_log.push_back("reserve");
  if (g_driver.reserved) return nullptr;
  g_driver.reserved = 1;
  return &g_driver;
}

extern "C" void ethosu_release_driver(ethosu_driver* drv) {
  g_log.push_back("release");
  if (drv) drv->reserved = 0;
}

extern "C" int ethosu_invoke_v3(ethosu_driver* drv, const void* custom_data_ptr, const int custom_data_size,
                                uint64_t* const base_addr, const size_t* base_addr_size, const int num_base_addr,
                                void*) {
  g_log.push_back("invoke");
  NpuInvoke call;
  call.driver_reserved = drv == &g_driver && g_driver.reserved;
  const auto* cms = static_cast<const uint8_t*>(custom_data_ptr);
  call.command_stream.assign(cms, cms + custom_data_size);
  for (int k = 0; k < num_base_addr; ++k) {
    call.base.push_back(base_addr[k]);
    call.sizes.push_back(base_addr_size[k]);
    const auto* p = reinterpret_cast<const uint8_t*>(static_cast<uintptr_t>(base_addr[k]));
    call.regions.emplace_back(p, p + (p ? base_addr_size[k] : 0));
  }
  g_invokes.push_back(std::move(call));
  return g_executor ? g_executor(cms, custom_data_size, base_addr, base_addr_size, num_base_addr) : 0;
}
