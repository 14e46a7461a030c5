#include "platform/http/cached.hpp"

#include <algorithm>

#include "platform/http/conditional.hpp"
#include "platform/http/problem.hpp"

namespace moderno::http {

Response CachedJson(cache::Cache& cache, const std::string& ns, const std::string& key,
                    std::chrono::seconds ttl, const Request& req,
                    const std::function<Result<std::string>()>& render, const Finish& finish) {
  bool hit = false;
  bool stale = false;
  auto body = cache.GetOrLoad(ns, key, ttl, render, hit, &stale);
  if (!body) return Problem(body.error(), req);
  Response r = PublicJson(req, finish ? finish(**body) : **body);
  r.Set("X-Cache", stale ? "stale" : hit ? "hit" : "miss");
  return r;
}

std::optional<Response> CachedHit(cache::Cache& cache, const std::string& ns, const std::string& key,
                                  const Request& req, const Finish& finish) {
  bool stale = false;
  // A stale entry nobody renders yet is claimed for this request, which goes on to the
  // handler (and renders it); the requests after it are served the stale entry here.
  auto hit = cache.Get(ns, key, /*count_miss=*/false, &stale, /*claim=*/true);
  if (!hit) return std::nullopt;
  Response r = PublicJson(req, finish ? finish(*hit) : *hit);
  r.Set("X-Cache", stale ? "stale" : "hit");
  return r;
}

std::string CacheKey(std::string_view route, const Request& req) {
  auto params = req.query;
  std::ranges::stable_sort(params, [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string key(route);
  key += '?';
  for (const auto& [k, v] : params) {
    key += k;
    key += '=';
    key += v;
    key += '&';
  }
  return key;
}

}  // namespace moderno::http
