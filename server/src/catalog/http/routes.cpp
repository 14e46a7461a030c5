#include "catalog/http/handlers.hpp"

namespace moderno::catalog {

void RegisterRoutes(http::Router& router, const HttpDeps& deps) {
  // Public, read-only routes; the admin write routes come with the accounts issue.
  auto bind = [&deps](http::Response (*fn)(http::Request&, const HttpDeps&)) {
    return [&deps, fn](http::Request& req) { return fn(req, deps); };
  };
  router.Add("GET", "/api/v1/products", bind(ListProducts));
  router.Add("GET", "/api/v1/products/{id}", bind(GetProduct));
  router.Add("GET", "/api/v1/categories", bind(ListCategories));
  router.Add("GET", "/api/v1/categories/{slug}", bind(GetCategory));
  router.Add("GET", "/api/v1/brands", bind(ListBrands));
}

}  // namespace moderno::catalog
