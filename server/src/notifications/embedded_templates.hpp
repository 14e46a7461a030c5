#pragma once
// The email templates of server/notifications/templates, compiled in (cmake/embed_templates.cmake).
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace moderno::notifications {

// File name ("order_placed.es.tmpl", "layout.html") -> content.
const std::map<std::string, std::string_view, std::less<>>& EmbeddedTemplates();

}  // namespace moderno::notifications
