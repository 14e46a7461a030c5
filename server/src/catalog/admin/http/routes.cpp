#include "catalog/http/routes.hpp"

#include "catalog/admin/http/handlers.hpp"

namespace moderno::catalog {

void RegisterAdminRoutes(http::Router& router, HttpDeps& deps) {
  // Every route: manager and up, counted per user under the "admin" rate limit. The public
  // GET routes on the same patterns (catalog/http/routes.cpp) are unaffected: the router
  // matches the method too.
  using Operation = http::Response (*)(http::Request&, HttpDeps&);
  auto add = [&router, &deps](const char* method, const char* pattern, Operation op) {
    router.Add(method, pattern, [&deps, op](http::Request& req) { return op(req, deps); },
               {.access = http::Staff(http::Role::kManager), .rate_class = "admin"});
  };
  // The staff reads of products: inactive and soft-deleted ones included.
  add("GET", "/api/v1/admin/products", admin_http::ListProducts);
  add("GET", "/api/v1/admin/products/{id}", admin_http::GetProduct);
  add("POST", "/api/v1/products", admin_http::CreateProduct);
  add("PUT", "/api/v1/products/{id}", admin_http::UpdateProduct);
  add("DELETE", "/api/v1/products/{id}", admin_http::DeleteProduct);
  add("POST", "/api/v1/categories", admin_http::CreateCategory);
  add("PUT", "/api/v1/categories/{id}", admin_http::UpdateCategory);
  add("DELETE", "/api/v1/categories/{id}", admin_http::DeleteCategory);
  add("POST", "/api/v1/brands", admin_http::CreateBrand);
  add("PUT", "/api/v1/brands/{id}", admin_http::UpdateBrand);
  add("DELETE", "/api/v1/brands/{id}", admin_http::DeleteBrand);
  add("GET", "/api/v1/warehouses", admin_http::ListWarehouses);
  add("POST", "/api/v1/warehouses", admin_http::CreateWarehouse);
  add("PUT", "/api/v1/warehouses/{id}", admin_http::UpdateWarehouse);
}

}  // namespace moderno::catalog
