#include "catalog/admin/admin_json.hpp"
#include "catalog/admin/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"

namespace moderno::catalog::admin_http {

http::Response UpdateCategory(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return NotFound(req, "category");
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ParseCategoryInput(*body, false);
  if (!in) return http::Problem(in.error(), req);
  auto updated = d.admin.UpdateCategory(*id, *in, audit::EntryFrom(req));
  if (!updated) return http::Problem(updated.error(), req);
  return http::Json(200, ToJson(*updated));
}

}  // namespace moderno::catalog::admin_http
