// tinyaot: THE list of passes, in pipeline order. One line each: class, CLI name, one-line summary.
// (X-macro list without include guard: include with TINYAOT_PASS defined.)
TINYAOT_PASS(CheckOps, "check-ops", "Runs every op's check(): input/output types, shapes and quantization are supported")
TINYAOT_PASS(PrepareOps, "prepare-ops", "Computes compile-time constants (multipliers, shifts, folded biases) and scratch sizes")
TINYAOT_PASS(FusePad, "fuse-pad", "Folds a PAD with the zero point into the convolutions that read it: no padded copy")
TINYAOT_PASS(AliasViews, "alias-views", "Makes RESHAPE-like ops share their input's memory: no copy, no code")
TINYAOT_PASS(Schedule, "schedule", "Orders independent branches (residual, inception) for the smallest arena")
TINYAOT_PASS(Partition, "partition", "With --npu: splits the ops into NPU partitions and CPU ops, each with its reason")
TINYAOT_PASS(PlanMemory, "plan-memory", "Places every buffer in the arena from tensor lifetimes; runs ops in place where that saves memory")
