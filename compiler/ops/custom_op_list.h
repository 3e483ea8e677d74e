// tinyaot: THE list of custom operators. One line per op; each names a function
// `const CustomOpDef& custom_op_<Name>()` defined next to the op's code.
// (No include guard: this file is an X-macro list, included with TINYAOT_CUSTOM_OP defined.)
TINYAOT_CUSTOM_OP(EthosU)
