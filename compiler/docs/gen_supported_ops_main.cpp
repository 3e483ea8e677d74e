// tinyaot: prints docs/SUPPORTED_OPS.md. Usage: tinyaot_gen_supported_ops > docs/SUPPORTED_OPS.md
#include <cstdio>

#include "compiler/docs/supported_ops.h"

int main() {
  std::fputs(tinyaot::supported_ops_markdown().c_str(), stdout);
  return 0;
}
