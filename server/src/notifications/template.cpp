#include "notifications/template.hpp"

#include <optional>
#include <vector>

namespace moderno::notifications {
namespace {

namespace json = boost::json;

using Stack = std::vector<const json::value*>;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

const json::value* Lookup(const Stack& stack, std::string_view name) {
  if (name == ".") return stack.back();
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (!(*it)->is_object()) continue;
    if (const json::value* v = (*it)->as_object().if_contains(name)) return v;
  }
  return nullptr;
}

bool Truthy(const json::value* v) {
  if (!v || v->is_null()) return false;
  if (v->is_bool()) return v->as_bool();
  if (v->is_string()) return !v->as_string().empty();
  if (v->is_array()) return !v->as_array().empty();
  if (v->is_int64()) return v->as_int64() != 0;
  if (v->is_uint64()) return v->as_uint64() != 0;
  if (v->is_double()) return v->as_double() != 0;
  return true;
}

std::string Text(const json::value* v) {
  if (!v || v->is_null() || v->is_bool()) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return json::serialize(*v);
}

// A tag on a line of its own (only blanks around it) takes its line with it, so that section
// markers leave no empty lines in the text part. Returns the end of the line after the tag
// (past its newline) when standalone.
std::optional<std::size_t> StandaloneEnd(std::string_view t, std::size_t tag_start, std::size_t tag_end) {
  std::size_t line_start = tag_start;
  while (line_start > 0 && t[line_start - 1] != '\n') --line_start;
  for (std::size_t i = line_start; i < tag_start; ++i) {
    if (t[i] != ' ' && t[i] != '\t') return std::nullopt;
  }
  std::size_t i = tag_end;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r')) ++i;
  if (i == t.size()) return i;
  if (t[i] == '\n') return i + 1;
  return std::nullopt;
}

void DropTrailingBlanks(std::string& out) {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
}

struct Tag {
  std::size_t start = 0, end = 0;  // [start, end) in the template, braces included
  char kind = 0;                   // 0 variable, '{' raw, '#', '^', '/', '!'
  std::string_view name;
};

Result<std::optional<Tag>> NextTag(std::string_view t, std::size_t from) {
  const std::size_t open = t.find("{{", from);
  if (open == std::string_view::npos) return std::optional<Tag>();
  Tag tag;
  tag.start = open;
  if (t.substr(open, 3) == "{{{") {
    const std::size_t close = t.find("}}}", open + 3);
    if (close == std::string_view::npos) return Fail(Errc::kInternal, "", "template: unclosed {{{");
    tag.kind = '{';
    tag.name = Trim(t.substr(open + 3, close - open - 3));
    tag.end = close + 3;
    return tag;
  }
  const std::size_t close = t.find("}}", open + 2);
  if (close == std::string_view::npos) return Fail(Errc::kInternal, "", "template: unclosed {{");
  std::string_view inner = Trim(t.substr(open + 2, close - open - 2));
  if (!inner.empty() && (inner[0] == '#' || inner[0] == '^' || inner[0] == '/' || inner[0] == '!' || inner[0] == '&')) {
    tag.kind = inner[0] == '&' ? '{' : inner[0];
    inner = Trim(inner.substr(1));
  }
  tag.name = inner;
  tag.end = close + 2;
  return tag;
}

Result<void> Render(std::string_view t, Stack& stack, Escape escape, std::string& out) {
  std::size_t pos = 0;
  while (pos < t.size()) {
    auto next = NextTag(t, pos);
    if (!next) return std::unexpected(next.error());
    if (!*next) {
      out.append(t.substr(pos));
      break;
    }
    const Tag tag = **next;
    out.append(t.substr(pos, tag.start - pos));
    pos = tag.end;
    switch (tag.kind) {
      case 0:
      case '{': {
        const std::string value = Text(Lookup(stack, tag.name));
        out += tag.kind == 0 && escape == Escape::kHtml ? HtmlEscape(value) : value;
        break;
      }
      case '!':
        if (auto end = StandaloneEnd(t, tag.start, tag.end)) {
          DropTrailingBlanks(out);
          pos = *end;
        }
        break;
      case '/':
        return Fail(Errc::kInternal, "", "template: unexpected {{/" + std::string(tag.name) + "}}");
      case '#':
      case '^': {
        std::size_t body_start = tag.end;
        if (auto end = StandaloneEnd(t, tag.start, tag.end)) {
          DropTrailingBlanks(out);
          body_start = *end;
        }
        // The matching close tag, skipping nested sections of the same name.
        int depth = 1;
        std::size_t scan = tag.end;
        Tag close;
        while (depth > 0) {
          auto inner = NextTag(t, scan);
          if (!inner) return std::unexpected(inner.error());
          if (!*inner) return Fail(Errc::kInternal, "", "template: unclosed {{#" + std::string(tag.name) + "}}");
          if ((*inner)->name == tag.name && ((*inner)->kind == '#' || (*inner)->kind == '^')) ++depth;
          if ((*inner)->name == tag.name && (*inner)->kind == '/') --depth;
          close = **inner;
          scan = close.end;
        }
        std::size_t body_end = close.start;
        pos = close.end;
        if (auto end = StandaloneEnd(t, close.start, close.end)) {
          while (body_end > body_start && (t[body_end - 1] == ' ' || t[body_end - 1] == '\t')) --body_end;
          pos = *end;
        }
        const std::string_view body = t.substr(body_start, body_end - body_start);
        const json::value* v = Lookup(stack, tag.name);
        if (tag.kind == '^') {
          if (!Truthy(v)) {
            if (auto r = Render(body, stack, escape, out); !r) return r;
          }
        } else if (v && v->is_array()) {
          for (const json::value& element : v->as_array()) {
            stack.push_back(&element);
            auto r = Render(body, stack, escape, out);
            stack.pop_back();
            if (!r) return r;
          }
        } else if (Truthy(v)) {
          stack.push_back(v);
          auto r = Render(body, stack, escape, out);
          stack.pop_back();
          if (!r) return r;
        }
        break;
      }
      default:
        break;
    }
  }
  return {};
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Result<std::string> RenderTemplate(std::string_view tmpl, const json::object& vars, Escape escape) {
  const json::value root(vars);
  Stack stack{&root};
  std::string out;
  if (auto r = Render(tmpl, stack, escape, out); !r) return std::unexpected(r.error());
  return out;
}

}  // namespace moderno::notifications
