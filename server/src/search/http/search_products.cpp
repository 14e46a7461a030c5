#include <boost/json/serialize.hpp>

#include "platform/http/cached.hpp"
#include "platform/http/problem.hpp"
#include "search/http/handlers.hpp"

namespace moderno::search {

http::Response SearchProducts(http::Request& req, const HttpDeps& d) {
  // Validation runs before the cache so that a bad request is never served from it.
  auto s = d.service.ParseProductSearch(req.query);
  if (!s) return http::Problem(s.error(), req);
  return http::CachedJson(d.cache, kCacheNamespace, http::CacheKey(req.route, req), d.ttl, req,
                          [&]() -> Result<std::string> {
                            auto body = d.service.SearchProducts(*s);
                            if (!body) return std::unexpected(body.error());
                            return boost::json::serialize(*body);
                          });
}

}  // namespace moderno::search
