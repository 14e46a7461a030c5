#include "inventory/http/handlers.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::inventory {

// POST /api/v1/inventory/adjust {sku, warehouse, delta, reason}.
http::Response AdjustInventory(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ReadInventoryAdjust(*body);
  if (!in) return http::Problem(in.error(), req);
  auto change = d.inventory.Adjust(*in, audit::EntryFrom(req));
  if (!change) return http::Problem(change.error(), req);
  return http::Json(200, ToJson(*change));
}

}  // namespace moderno::inventory
