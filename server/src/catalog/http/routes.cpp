#include "catalog/http/handlers.hpp"
#include "platform/http/cached.hpp"

namespace moderno::catalog {

void RegisterRoutes(http::Router& router, const HttpDeps& deps) {
  // Public, read-only routes; the admin write routes come with the accounts issue.
  using Operation = http::Response (*)(http::Request&, const HttpDeps&);
  using Key = std::string (*)(const http::Request&);
  auto cached = [&](std::string pattern, Operation op, Key key) {
    router.AddCached(
        "GET", std::move(pattern),
        [&deps, key](http::Request& req) {
          return http::CachedHit(deps.cache, Service::kCacheNamespace, key(req));
        },
        [&deps, op](http::Request& req) { return op(req, deps); });
  };
  cached("/api/v1/products", ListProducts, ListProductsKey);
  cached("/api/v1/products/{id}", GetProduct, GetProductKey);
  cached("/api/v1/categories", ListCategories, ListCategoriesKey);
  cached("/api/v1/categories/{slug}", GetCategory, GetCategoryKey);
  cached("/api/v1/brands", ListBrands, ListBrandsKey);
}

}  // namespace moderno::catalog
