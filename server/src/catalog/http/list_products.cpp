#include <boost/json/serialize.hpp>

#include "catalog/http/handlers.hpp"
#include "catalog/json.hpp"
#include "platform/http/cached.hpp"
#include "platform/http/problem.hpp"

namespace moderno::catalog {

std::string ListProductsKey(const http::Request& req) {
  return http::CacheKey(req.route, req);
}

http::Response ListProducts(http::Request& req, HttpDeps& d) {
  // Validation runs before the cache so that a bad request is never served from it.
  auto q = d.service.ParseProductQuery(req.query);
  if (!q) return http::Problem(q.error(), req);
  return http::CachedJson(d.cache, Service::kCacheNamespace, ListProductsKey(req), d.ttl,
                          req, [&]() -> Result<std::string> {
                            auto page = d.service.ListProducts(*q);
                            if (!page) return std::unexpected(page.error());
                            return boost::json::serialize(ToJson(*page, *q));
                          });
}

}  // namespace moderno::catalog
