// tinyaot: template rendering.
#include "compiler/emit/template.h"

#include "compiler/support/embedded.h"
#include "compiler/support/error.h"

namespace tinyaot {

std::string render_template(std::string_view tpl_name, std::string_view tpl, const TemplateVars& vars) {
  std::string out;
  out.reserve(tpl.size() * 2);
  std::size_t pos = 0;
  while (pos < tpl.size()) {
    const std::size_t open = tpl.find("{{", pos);
    if (open == std::string_view::npos) {
      out.append(tpl.substr(pos));
      break;
    }
    if (open + 2 < tpl.size() && tpl[open + 2] == '{') {  // "{{{key}}}": a literal brace, then the key
      out.append(tpl.substr(pos, open - pos + 1));
      pos = open + 1;
      continue;
    }
    out.append(tpl.substr(pos, open - pos));
    const std::size_t close = tpl.find("}}", open + 2);
    if (close == std::string_view::npos)
      throw Error(ErrorKind::kInternal, "unterminated {{ in template " + std::string(tpl_name));
    const std::string key(tpl.substr(open + 2, close - open - 2));
    auto it = vars.find(key);
    if (it == vars.end())
      throw Error(ErrorKind::kInternal, "template " + std::string(tpl_name) + " uses unknown key '" + key + "'");
    out += it->second;
    pos = close + 2;
  }
  return out;
}

std::string render_embedded(std::string_view name, const TemplateVars& vars) {
  const std::string path = "templates/" + std::string(name);
  return render_template(path, embedded(path), vars);
}

}  // namespace tinyaot
