#include "catalog/admin/admin_json.hpp"
#include "catalog/admin/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"

namespace moderno::catalog::admin_http {

// PUT /api/v1/inventory/{sku}/{warehouse}: sets the quantity (and reorder settings).
http::Response SetInventory(http::Request& req, const AdminDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ParseInventorySet(*body);
  if (!in) return http::Problem(in.error(), req);
  in->sku = std::string(req.Param("sku"));
  in->warehouse_code = std::string(req.Param("warehouse"));
  auto change = Admin(d).SetInventory(*in, audit::EntryFrom(req));
  if (!change) return http::Problem(change.error(), req);
  return Json(200, ToJson(*change));
}

}  // namespace moderno::catalog::admin_http
