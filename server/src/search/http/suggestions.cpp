#include <boost/json/serialize.hpp>

#include "platform/http/cached.hpp"
#include "platform/http/problem.hpp"
#include "search/http/handlers.hpp"

namespace moderno::search {

http::Response Suggestions(http::Request& req, HttpDeps& d) {
  auto s = d.service.ParseSuggestions(req.query);
  if (!s) return http::Problem(s.error(), req);
  return http::CachedJson(d.cache, kSuggestCacheNamespace, http::CacheKey(req.route, req), d.ttl, req,
                          [&]() -> Result<std::string> {
                            auto body = d.service.Suggestions(*s);
                            if (!body) return std::unexpected(body.error());
                            return boost::json::serialize(*body);
                          });
}

}  // namespace moderno::search
