#include "orders/http/json.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"
#include "workflows/http/handlers.hpp"

namespace moderno::workflows {

// PUT /api/v1/orders/{id}/status {status, tracking_number?, note?}.
http::Response ChangeOrderStatus(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto status = f.String("status", 32);
  auto tracking = f.OptString("tracking_number", 100);
  auto note = f.OptString("note", 500);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  auto o = d.changes.ChangeStatus(*id, *status, tracking, note, audit::EntryFrom(req));
  if (!o) return http::Problem(o.error(), req);
  return http::PrivateJson(200, orders::ToJson(*o, true));
}

}  // namespace moderno::workflows
