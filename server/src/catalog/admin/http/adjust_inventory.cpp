#include "catalog/admin/admin_json.hpp"
#include "catalog/admin/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"

namespace moderno::catalog::admin_http {

// POST /api/v1/inventory/adjust {sku, warehouse, delta, reason}.
http::Response AdjustInventory(http::Request& req, const AdminDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ParseInventoryAdjust(*body);
  if (!in) return http::Problem(in.error(), req);
  auto change = Admin(d).AdjustInventory(*in, audit::EntryFrom(req));
  if (!change) return http::Problem(change.error(), req);
  return Json(200, ToJson(*change));
}

}  // namespace moderno::catalog::admin_http
