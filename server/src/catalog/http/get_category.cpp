#include <boost/json.hpp>

#include "catalog/errors.hpp"
#include "catalog/http/handlers.hpp"
#include "catalog/json.hpp"
#include "platform/http/cached.hpp"

namespace moderno::catalog {

std::string GetCategoryKey(const http::Request& req) {
  return "category:" + std::string(req.Param("slug"));
}

http::Response GetCategory(http::Request& req, HttpDeps& d) {
  const std::string key(req.Param("slug"));
  return http::CachedJson(d.cache, Service::kCacheNamespace, GetCategoryKey(req), d.ttl, req,
                          [&]() -> Result<std::string> {
                            auto t = d.service.GetTaxonomy();
                            if (!t) return std::unexpected(t.error());
                            const CategoryTree& tree = (*t)->categories;
                            const Category* c = tree.Find(key);
                            if (!c) return CategoryNotFound(key);
                            boost::json::object o = CategoryToJson(tree, *c, true);
                            boost::json::array crumbs;
                            for (const auto& b : tree.Breadcrumbs(c->id)) {
                              crumbs.push_back({{"id", b.id}, {"name", b.name}, {"slug", b.slug}});
                            }
                            o["breadcrumbs"] = std::move(crumbs);
                            return boost::json::serialize(o);
                          });
}

}  // namespace moderno::catalog
