#include "platform/http/cached.hpp"
#include "search/http/routes.hpp"

namespace moderno::search {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  // Public, on the worker pool (the index and the summaries are read there), counted against
  // the search rate limit (RATE_LIMIT_SEARCH: per user when a valid token comes with the
  // request, per IP otherwise; the pipeline reads the token for this alone). A cached answer
  // for an anonymous caller is served on the I/O thread, without the hop to a worker, and
  // counted too; one with a token goes to a worker, where the token is checked.
  const http::RouteOptions options{.runs = http::Runs::kOnWorker, .rate_class = "search"};
  auto hit = [&deps](const char* ns) {
    return [&deps, ns](http::Request& req) { return http::CachedHit(deps.cache, ns, http::CacheKey(req.route, req), req); };
  };
  // Search answers are stored without stock, filled in from the index's live table when served;
  // while this process's own changes are on their way to the index the worker serves them.
  auto search_hit = [&deps](http::Request& req) -> std::optional<http::Response> {
    if (!deps.service.ServesWithoutWaiting()) return std::nullopt;
    return http::CachedHit(deps.cache, SearchNamespace(req), http::CacheKey(req.route, req), req,
                           [&deps](std::string_view stored) { return deps.service.Serve(stored); });
  };
  router.AddCached("GET", "/api/v1/search/products", search_hit,
                   [&deps](http::Request& req) { return SearchProducts(req, deps); }, options);
  router.AddCached("GET", "/api/v1/search/suggestions", hit(kSuggestCacheNamespace),
                   [&deps](http::Request& req) { return Suggestions(req, deps); }, options);
}

}  // namespace moderno::search
