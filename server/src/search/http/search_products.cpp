#include "platform/http/cached.hpp"
#include "platform/http/problem.hpp"
#include "search/http/handlers.hpp"

namespace moderno::search {

const char* SearchNamespace(const http::Request& req) {
  for (const auto& [k, v] : req.query) {
    if (k == "filters[in_stock]") return kInStockCacheNamespace;
  }
  return kCacheNamespace;
}

http::Response SearchProducts(http::Request& req, HttpDeps& d) {
  // Validation runs before the cache so that a bad request is never served from it.
  auto s = d.service.ParseProductSearch(req.query);
  if (!s) return http::Problem(s.error(), req);
  // A stored answer is filled with the live stock: first let this process's own changes reach
  // it (an uncached search waits for them in the engine).
  d.service.AwaitLocalChanges();
  return http::CachedJson(d.cache, SearchNamespace(req), http::CacheKey(req.route, req), d.ttl, req,
                          [&]() -> Result<std::string> {
                            return d.service.SearchProducts(*s);
                          },
                          [&d](std::string_view stored) { return d.service.Serve(stored); });
}

}  // namespace moderno::search
