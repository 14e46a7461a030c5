#include <boost/json.hpp>

#include "catalog/http/handlers.hpp"
#include "catalog/json.hpp"
#include "platform/http/cached.hpp"

namespace moderno::catalog {

std::string ListCategoriesKey(const http::Request&) { return "categories"; }

http::Response ListCategories(http::Request& req, HttpDeps& d) {
  return http::CachedJson(d.cache, Service::kCacheNamespace, ListCategoriesKey(req), d.ttl, req,
                          [&]() -> Result<std::string> {
                            auto t = d.service.GetTaxonomy();
                            if (!t) return std::unexpected(t.error());
                            const CategoryTree& tree = (*t)->categories;
                            boost::json::array data;
                            for (auto id : tree.roots) {
                              data.push_back(CategoryToJson(tree, tree.by_id.at(id), true));
                            }
                            return boost::json::serialize(boost::json::object{{"data", data}});
                          });
}

}  // namespace moderno::catalog
