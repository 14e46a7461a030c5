#include "platform/http/json_body.hpp"

#include <boost/json.hpp>

#include <cmath>

namespace moderno::http {
namespace {

std::unexpected<Error> MalformedJson(std::string reason) {
  Error e;
  e.code = Errc::kMalformed;
  e.type = "malformed_json";
  e.detail = "The body is not valid JSON: " + reason + ".";
  return std::unexpected(e);
}

// True when a number somewhere in `v` overflowed a double. Boost.JSON 1.81 reads 1e999 as
// infinity and writes it back as the non-JSON `Infinity`. The parser's depth limit (32)
// bounds the recursion.
bool HasInfinity(const boost::json::value& v) {
  if (v.is_double()) return !std::isfinite(v.get_double());
  if (v.is_array()) {
    for (const auto& e : v.get_array()) {
      if (HasInfinity(e)) return true;
    }
  }
  if (v.is_object()) {
    for (const auto& m : v.get_object()) {
      if (HasInfinity(m.value())) return true;
    }
  }
  return false;
}

}  // namespace

Result<boost::json::object> ParseJsonObject(const Request& req) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(req.body, ec);
  if (ec) return MalformedJson(ec.message());
  if (HasInfinity(v)) return MalformedJson("a number is too large");
  if (!v.is_object()) return Fail(Errc::kMalformed, "The body must be a JSON object.");
  return std::move(v.as_object());
}

std::optional<std::string> Fields::String(const char* name, std::size_t max, bool required) {
  auto it = o_.find(name);
  if (it == o_.end() || it->value().is_null()) {
    if (required) Add(name, "required", std::string(name) + " is required");
    return std::nullopt;
  }
  if (!it->value().is_string()) {
    Add(name, "type", std::string(name) + " must be a string");
    return std::nullopt;
  }
  std::string s(it->value().as_string());
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  if (required && s.empty()) {
    Add(name, "required", std::string(name) + " must not be empty");
    return std::nullopt;
  }
  if (s.size() > max) {
    Add(name, "too_long", std::string(name) + " must be at most " + std::to_string(max) + " bytes");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> Fields::Int(const char* name, std::int64_t min, std::int64_t max,
                                        bool required) {
  auto it = o_.find(name);
  if (it == o_.end() || it->value().is_null()) {
    if (required) Add(name, "required", std::string(name) + " is required");
    return std::nullopt;
  }
  const auto& v = it->value();
  std::int64_t n = 0;
  if (v.is_int64()) n = v.as_int64();
  else if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) n = static_cast<std::int64_t>(v.as_uint64());
  else {
    Add(name, "type", std::string(name) + " must be an integer");
    return std::nullopt;
  }
  if (n < min || n > max) {
    Add(name, "out_of_range", std::string(name) + " must be between " + std::to_string(min) +
                                  " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> Fields::Bool(const char* name, bool required) {
  auto it = o_.find(name);
  if (it == o_.end() || it->value().is_null()) {
    if (required) Add(name, "required", std::string(name) + " is required");
    return std::nullopt;
  }
  if (!it->value().is_bool()) {
    Add(name, "type", std::string(name) + " must be true or false");
    return std::nullopt;
  }
  return it->value().as_bool();
}

}  // namespace moderno::http
