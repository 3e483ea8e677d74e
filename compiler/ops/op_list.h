// tinyaot: THE list of operators. One line per op; each names a function `const OpDef& op_<Name>()`
// defined in compiler/ops/<name>.cpp. Order is the order of docs/SUPPORTED_OPS.md.
// (No include guard: this file is an X-macro list, included with TINYAOT_OP defined.)
TINYAOT_OP(Conv2D)
TINYAOT_OP(DepthwiseConv2D)
TINYAOT_OP(FullyConnected)
