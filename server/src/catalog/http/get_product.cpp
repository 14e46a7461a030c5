#include <boost/json/serialize.hpp>

#include "catalog/http/handlers.hpp"
#include "catalog/json.hpp"
#include "platform/http/cached.hpp"

namespace moderno::catalog {

std::string GetProductKey(const http::Request& req) {
  return "product:" + std::string(req.Param("id"));
}

http::Response GetProduct(http::Request& req, HttpDeps& d) {
  const std::string key(req.Param("id"));
  return http::CachedJson(d.cache, Service::kCacheNamespace, GetProductKey(req), d.ttl, req,
                          [&]() -> Result<std::string> {
                            auto product = d.service.GetProduct(key);
                            if (!product) return std::unexpected(product.error());
                            return boost::json::serialize(ToJson(*product));
                          });
}

}  // namespace moderno::catalog
