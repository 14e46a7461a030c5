#include "catalog/http/routes.hpp"
#include "platform/http/cached.hpp"

namespace moderno::catalog {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  // Public, read-only routes, answered from the cache on the I/O thread when they can be.
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  using Key = std::string (*)(const http::Request&);
  auto cached = [&](std::string pattern, Operation op, Key key) {
    router.AddCached(
        "GET", std::move(pattern),
        [&deps, key](http::Request& req) {
          return http::CachedHit(deps.cache, Service::kCacheNamespace, key(req), req);
        },
        [&deps, op](http::Request& req) { return op(req, deps); });
  };
  cached("/api/v1/products", ListProducts, ListProductsKey);
  cached("/api/v1/products/{id}", GetProduct, GetProductKey);
  cached("/api/v1/categories", ListCategories, ListCategoriesKey);
  cached("/api/v1/categories/{slug}", GetCategory, GetCategoryKey);
  cached("/api/v1/brands", ListBrands, ListBrandsKey);
  RegisterAdminRoutes(router, deps);
  images::RegisterImageRoutes(router, deps);
  io::RegisterIoRoutes(router, deps);
}

}  // namespace moderno::catalog
