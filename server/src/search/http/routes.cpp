#include "search/http/handlers.hpp"

namespace moderno::search {

void RegisterRoutes(http::Router& router, const HttpDeps& deps) {
  // Public, on the worker pool (the index and the summaries are read there), counted against
  // the search rate limit (RATE_LIMIT_SEARCH, per user or per IP).
  const http::RouteOptions options{.runs = http::Runs::kOnWorker, .rate_class = "search"};
  router.Add("GET", "/api/v1/search/products",
             [&deps](http::Request& req) { return SearchProducts(req, deps); }, options);
  router.Add("GET", "/api/v1/search/suggestions",
             [&deps](http::Request& req) { return Suggestions(req, deps); }, options);
}

}  // namespace moderno::search
