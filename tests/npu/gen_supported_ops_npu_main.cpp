// tinyaot: prints docs/SUPPORTED_OPS_NPU.md. Usage: tinyaot_gen_supported_ops_npu > docs/SUPPORTED_OPS_NPU.md
#include <cstdio>

#include "targets/npu/npu_doc.h"

int main() {
  std::fputs(tinyaot::supported_ops_npu_markdown().c_str(), stdout);
  return 0;
}
