#pragma once
// JSON calls to a running TestStore: the reply parsed, and readers for problem+json errors.
#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "http_client.hpp"
#include "test_store.hpp"

namespace moderno::testing {

struct Reply {
  int status = 0;
  boost::json::object body;
  std::string raw;
  HttpResult http;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One request on a fresh connection; `as` adds its bearer token.
inline Reply CallApi(std::uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body = "", const TestUser* as = nullptr, Headers headers = {}) {
  HttpClient c(port);
  if (as) {
    for (auto& h : as->auth()) headers.push_back(h);
  }
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  Reply r;
  r.http = c.Request(method, target, headers, body);
  r.status = r.http.status;
  r.raw = r.http.body;
  boost::system::error_code ec;
  auto v = boost::json::parse(r.raw, ec);
  if (!ec && v.is_object()) r.body = v.as_object();
  return r;
}

// "field:code" of every validation error of a reply.
inline std::vector<std::string> FieldCodes(const Reply& r) {
  std::vector<std::string> out;
  if (!r.body.contains("errors")) return out;
  for (const auto& e : r.body.at("errors").as_array()) {
    out.push_back(std::string(e.at("field").as_string()) + ":" + std::string(e.at("code").as_string()));
  }
  return out;
}

// True when the reply names `field` (with `code` when given) among its validation errors.
inline bool NamesField(const Reply& r, const std::string& field, const std::string& code = "") {
  for (const std::string& fc : FieldCodes(r)) {
    if (fc.substr(0, fc.find(':')) == field && (code.empty() || fc == field + ":" + code)) return true;
  }
  return false;
}

// The problem type slug of an error reply ("https://moderno.dev/problems/<slug>").
inline std::string ProblemType(const Reply& r) {
  if (!r.body.contains("type")) return "";
  std::string t(r.body.at("type").as_string());
  return t.substr(t.rfind('/') + 1);
}

}  // namespace moderno::testing
