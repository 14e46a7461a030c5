#include "catalog/admin/admin_json.hpp"
#include "catalog/admin/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"

namespace moderno::catalog::admin_http {

http::Response CreateWarehouse(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ParseWarehouseInput(*body, true);
  if (!in) return http::Problem(in.error(), req);
  auto created = d.admin.CreateWarehouse(*in, audit::EntryFrom(req));
  if (!created) return http::Problem(created.error(), req);
  return http::Json(201, ToJson(*created));
}

}  // namespace moderno::catalog::admin_http
