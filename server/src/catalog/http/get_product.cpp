#include <boost/json/serialize.hpp>

#include "catalog/http/handlers.hpp"
#include "catalog/http/json.hpp"
#include "platform/http/cached.hpp"

namespace moderno::catalog {

http::Response GetProduct(http::Request& req, const HttpDeps& d) {
  const std::string key(req.Param("id"));
  return http::CachedJson(d.cache, Service::kCacheNamespace, "product:" + key, d.ttl, req,
                          [&]() -> Result<std::string> {
                            auto product = d.service.GetProduct(key);
                            if (!product) return std::unexpected(product.error());
                            return boost::json::serialize(ToJson(*product));
                          });
}

}  // namespace moderno::catalog
