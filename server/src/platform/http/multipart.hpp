#pragma once
// multipart/form-data bodies (RFC 7578): the parts of an upload, without copying their data.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace moderno::http {

// One part; `data` points into the body it was parsed from.
struct MultipartPart {
  std::string name;                     // the form field name
  std::optional<std::string> filename;  // set for file fields
  std::string content_type;             // as the client sent it (never trusted for files)
  std::string_view data;
};

// True when a Content-Type header names multipart/form-data.
bool IsMultipart(std::string_view content_type);

// The parts of `body` given its Content-Type (which carries the boundary); kMalformed when the
// boundary is missing or the body is not well-formed.
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type, std::string_view body);

// The first part named `name`, or null.
const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace moderno::http
