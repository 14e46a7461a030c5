#include "orders/http/handlers.hpp"
#include "orders/http/json.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::orders {

// GET /api/v1/orders/{id}: one of the customer's orders (another's is 404).
http::Response GetMyOrder(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  auto o = d.orders.Get(req.principal->user_id, *id);
  if (!o) return http::Problem(o.error(), req);
  return http::PrivateJson(200, ToJson(*o, false));
}

}  // namespace moderno::orders
