#include "platform/http/router.hpp"

#include <algorithm>

namespace moderno::http {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsParam(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  Route r{std::move(method), std::move(pattern), std::move(handler), std::move(options), nullptr, {}};
  r.segments = Split(r.pattern);
  routes_.push_back(std::move(r));
}

void Router::AddCached(std::string method, std::string pattern, Probe probe, Handler handler, RouteOptions options) {
  Add(std::move(method), std::move(pattern), std::move(handler), std::move(options));
  routes_.back().probe = std::move(probe);
}

Match Router::Find(std::string_view method, std::string_view path) const {
  const std::vector<std::string> parts = Split(path);
  const std::string_view want = method == "HEAD" ? std::string_view("GET") : method;
  Match result;
  for (const Route& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      if (IsParam(r.segments[i])) {
        params.emplace_back(r.segments[i].substr(1, r.segments[i].size() - 2), parts[i]);
      } else {
        ok = r.segments[i] == parts[i];
      }
    }
    if (!ok) continue;
    if (r.method == want) {
      // A literal route wins over a parameterised one registered earlier.
      if (!result.route || (params.size() < result.params.size())) {
        result.route = &r;
        result.params = std::move(params);
      }
    } else if (std::ranges::find(result.allowed, r.method) == result.allowed.end()) {
      result.allowed.push_back(r.method);
    }
  }
  return result;
}

std::size_t Router::BodyLimit(std::string_view method, std::string_view path, std::size_t fallback) const {
  Match m = Find(method, path);
  return m.route && m.route->options.max_body_bytes > 0 ? m.route->options.max_body_bytes : fallback;
}

std::size_t Router::MaxBodyLimit(std::size_t fallback) const {
  std::size_t limit = fallback;
  for (const Route& r : routes_) limit = std::max(limit, r.options.max_body_bytes);
  return limit;
}

}  // namespace moderno::http
