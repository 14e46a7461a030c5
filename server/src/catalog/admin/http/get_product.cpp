#include "catalog/admin/admin_json.hpp"
#include "catalog/admin/http/handlers.hpp"

namespace moderno::catalog::admin_http {

http::Response GetProduct(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return NotFound(req, "product");
  auto product = d.admin.GetProduct(*id);
  if (!product) return http::Problem(product.error(), req);
  return http::Json(200, ToJson(*product));
}

}  // namespace moderno::catalog::admin_http
