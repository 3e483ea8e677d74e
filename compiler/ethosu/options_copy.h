// tinyaot Ethos-U: copying an operator's builtin options into a model we write (the Vela hand-off).
// The IR keeps each op's attributes in the op file's own type, so the writer takes the options from the
// source model instead: one copy per options table of our schema subset, through the generated API (no
// reflection, no byte copies that could break offsets).
#pragma once

#include "compiler/writer/model_writer.h"

namespace tinyaot::ethosu {

/// The builtin options of `src` for ModelWriter/ModelSpec::Operator::options (empty when it has none).
/// The returned function reads `src` when the model is finished: keep the source model's bytes alive
/// until then. Throws Error(kUnsupported) for an options table this copy does not know.
OptionsFn copy_builtin_options(const tfl::Operator& src);

}  // namespace tinyaot::ethosu
