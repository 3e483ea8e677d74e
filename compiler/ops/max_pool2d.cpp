// tinyaot: MAX_POOL_2D. int8/int16 NHWC maximum over in-bounds taps; shared logic in pool_util.cpp,
// kernel in runtime_min/tinyaot_rt/pooling.h.
#include "compiler/ops/pool_util.h"
#include "compiler/reader/tflite_subset_generated.h"

namespace tinyaot {

const OpDef& op_MaxPool2D() {
  static const Pool2DOp def("MAX_POOL_2D", static_cast<int>(tfl::BuiltinOperator::MAX_POOL_2D), "max_pool",
                            "int8 or int16 NHWC, input and output quantization equal; SAME/VALID padding, any "
                            "filter and stride; fused NONE/RELU/RELU6/RELU_N1_TO_1");
  return def;
}

}  // namespace tinyaot
