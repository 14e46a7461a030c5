#pragma once
// Reading JSON request bodies and their fields with precise errors: malformed JSON or a body
// that is not an object is 400; a missing or mistyped field is a 422 naming the field.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/error.hpp"
#include "platform/http/message.hpp"

namespace moderno::http {

// The body as a JSON object (400 when it is not one; 415 is not used: any content type parses).
Result<boost::json::object> ParseJsonObject(const Request& req);

// Field readers that collect every problem into `errors` instead of stopping at the first.
class Fields {
 public:
  explicit Fields(const boost::json::object& o) : o_(o) {}
  // A required string (trimmed); `max` in bytes.
  std::optional<std::string> String(const char* name, std::size_t max = 255, bool required = true);
  // An optional string: nullopt when absent or null.
  std::optional<std::string> OptString(const char* name, std::size_t max = 255) {
    return String(name, max, false);
  }
  // An integer within [min, max].
  std::optional<std::int64_t> Int(const char* name, std::int64_t min, std::int64_t max,
                                  bool required = true);
  std::optional<bool> Bool(const char* name, bool required = false);
  // True when the field is present (even null).
  bool Has(const char* name) const { return o_.contains(name); }
  // Adds a custom error.
  void Add(std::string field, std::string code, std::string message) {
    errors_.push_back({std::move(field), std::move(code), std::move(message)});
  }
  bool ok() const { return errors_.empty(); }
  std::vector<FieldError>& errors() { return errors_; }

 private:
  const boost::json::object& o_;
  std::vector<FieldError> errors_;
};

}  // namespace moderno::http
