#include "catalog/admin/admin_json.hpp"
#include "catalog/admin/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"

namespace moderno::catalog::admin_http {

http::Response UpdateProduct(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return NotFound(req, "product");
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ParseProductInput(*body, false);
  if (!in) return http::Problem(in.error(), req);
  auto product = d.admin.UpdateProduct(*id, *in, audit::EntryFrom(req));
  if (!product) return http::Problem(product.error(), req);
  return http::Json(200, ToJson(*product));
}

}  // namespace moderno::catalog::admin_http
