#pragma once
// A small Mustache-like template engine for emails:
//   {{name}}          the variable, HTML-escaped when rendering HTML
//   {{{name}}}        the variable as is (for trusted HTML such as the layout's content)
//   {{#name}}..{{/name}}  a section: repeated for each element of an array (whose object members
//                     are visible inside), rendered once for a true/non-empty value, skipped otherwise
//   {{^name}}..{{/name}}  rendered only when the value is missing, false, null, "" or []
//   {{! comment }}
// Names are looked up from the innermost section outwards; a missing name renders as nothing.
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "platform/error.hpp"

namespace moderno::notifications {

enum class Escape { kNone, kHtml };

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

// Renders `tmpl` with `vars`; a malformed template (unclosed tag or section) is kInternal.
Result<std::string> RenderTemplate(std::string_view tmpl, const boost::json::object& vars, Escape escape);

}  // namespace moderno::notifications
