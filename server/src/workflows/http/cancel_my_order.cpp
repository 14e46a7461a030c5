#include "orders/http/json.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"
#include "workflows/http/handlers.hpp"

namespace moderno::workflows {

// POST /api/v1/orders/{id}/cancel: the customer cancels a pending or confirmed order.
http::Response CancelMyOrder(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  return http::Idempotent(req, d.idempotency, "cancel", [&]() -> http::Response {
    auto o = d.changes.CancelByCustomer(req.principal->user_id, *id);
    if (!o) return http::Problem(o.error(), req);
    return http::PrivateJson(200, orders::ToJson(*o, false));
  });
}

}  // namespace moderno::workflows
