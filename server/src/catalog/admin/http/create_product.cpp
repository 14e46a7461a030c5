#include "catalog/admin/admin_json.hpp"
#include "catalog/admin/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"

namespace moderno::catalog::admin_http {

http::Response CreateProduct(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ParseProductInput(*body, true);
  if (!in) return http::Problem(in.error(), req);
  auto product = d.admin.CreateProduct(*in, audit::EntryFrom(req));
  if (!product) return http::Problem(product.error(), req);
  http::Response r = http::Json(201, ToJson(*product));
  r.Set("Location", "/api/v1/products/" + std::to_string(product->detail.summary.id));
  return r;
}

}  // namespace moderno::catalog::admin_http
