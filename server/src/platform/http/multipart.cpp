#include "platform/http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace moderno::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of parameter `name` in "type; a=1; b=\"x\"" (unquoted), or nullopt.
std::optional<std::string> Param(std::string_view header, std::string_view name) {
  std::size_t pos = header.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = header.substr(pos + 1);
    std::size_t end = 0;
    bool quoted = false;
    for (; end < rest.size(); ++end) {
      if (rest[end] == '"') quoted = !quoted;
      if (rest[end] == ';' && !quoted) break;
    }
    std::string_view item = Trim(rest.substr(0, end));
    auto eq = item.find('=');
    if (eq != std::string_view::npos && Lower(Trim(item.substr(0, eq))) == name) {
      std::string_view v = Trim(item.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        std::string out;
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
          if (v[i] == '\\' && i + 2 < v.size()) ++i;
          out += v[i];
        }
        return out;
      }
      return std::string(v);
    }
    pos = end < rest.size() ? pos + 1 + end : std::string_view::npos;
  }
  return std::nullopt;
}

std::unexpected<Error> Bad(std::string detail) {
  return std::unexpected(Error{Errc::kMalformed, std::move(detail), {}, {}, "malformed"});
}

}  // namespace

bool IsMultipart(std::string_view content_type) {
  return Lower(Trim(content_type.substr(0, content_type.find(';')))) == "multipart/form-data";
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (!IsMultipart(content_type)) return Bad("The body must be multipart/form-data.");
  auto boundary = Param(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) {
    return Bad("The multipart Content-Type has no valid boundary.");
  }
  const std::string delimiter = "--" + *boundary;
  const std::string next = "\r\n" + delimiter;
  std::vector<MultipartPart> parts;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return Bad("The multipart body has no boundary line.");
  pos += delimiter.size();
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    // Transport padding, then the line end of the delimiter line.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return Bad("A multipart boundary line is malformed.");
    pos += 2;
    const std::size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return Bad("A multipart part has no end of headers.");
    MultipartPart part;
    std::string_view headers = body.substr(pos, headers_end - pos);
    bool disposition = false;
    while (!headers.empty()) {
      std::size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string name = Lower(Trim(line.substr(0, colon)));
      std::string_view value = Trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        disposition = true;
        part.name = Param(value, "name").value_or("");
        part.filename = Param(value, "filename");
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (!disposition) return Bad("A multipart part has no Content-Disposition.");
    const std::size_t data_start = headers_end + 4;
    const std::size_t data_end = body.find(next, data_start);
    if (data_end == std::string_view::npos) return Bad("A multipart part is not terminated.");
    part.data = body.substr(data_start, data_end - data_start);
    parts.push_back(std::move(part));
    pos = data_end + next.size();
  }
}

const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name) {
  auto it = std::ranges::find(parts, name, &MultipartPart::name);
  return it == parts.end() ? nullptr : &*it;
}

}  // namespace moderno::http
