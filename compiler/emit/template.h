// tinyaot: a minimal template renderer for the files in templates/: `{{key}}` is replaced by its value.
// Deliberately tiny: loops and conditionals are done in C++ by rendering smaller templates.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace tinyaot {

using TemplateVars = std::map<std::string, std::string>;

/// Renders `tpl`; an unknown `{{key}}` is an internal error naming `tpl_name`.
std::string render_template(std::string_view tpl_name, std::string_view tpl, const TemplateVars& vars);

/// Renders the embedded file templates/<name>.
std::string render_embedded(std::string_view name, const TemplateVars& vars);

}  // namespace tinyaot
