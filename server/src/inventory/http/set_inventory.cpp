#include "inventory/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::inventory {

// PUT /api/v1/inventory/{sku}/{warehouse}: sets the quantity (and reorder settings).
http::Response SetInventory(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ReadInventorySet(*body);
  if (!in) return http::Problem(in.error(), req);
  in->sku = std::string(req.Param("sku"));
  in->warehouse_code = std::string(req.Param("warehouse"));
  auto change = d.inventory.Set(*in, audit::EntryFrom(req));
  if (!change) return http::Problem(change.error(), req);
  return http::Json(200, ToJson(*change));
}

}  // namespace moderno::inventory
