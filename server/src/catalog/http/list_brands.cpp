#include <boost/json.hpp>

#include "catalog/http/handlers.hpp"
#include "catalog/json.hpp"
#include "platform/http/cached.hpp"

namespace moderno::catalog {

std::string ListBrandsKey(const http::Request&) { return "brands"; }

http::Response ListBrands(http::Request& req, HttpDeps& d) {
  return http::CachedJson(d.cache, Service::kCacheNamespace, ListBrandsKey(req), d.ttl, req,
                          [&]() -> Result<std::string> {
                            auto t = d.service.GetTaxonomy();
                            if (!t) return std::unexpected(t.error());
                            boost::json::array data;
                            for (const Brand& b : (*t)->brands) data.push_back(ToJson(b));
                            return boost::json::serialize(boost::json::object{{"data", data}});
                          });
}

}  // namespace moderno::catalog
