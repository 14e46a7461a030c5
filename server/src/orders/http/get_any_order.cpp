#include "orders/http/handlers.hpp"
#include "orders/http/json.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::orders {

// GET /api/v1/admin/orders/{id}: any order, staff view.
http::Response GetAnyOrder(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  auto o = d.orders.Get(std::nullopt, *id);
  if (!o) return http::Problem(o.error(), req);
  return http::PrivateJson(200, ToJson(*o, true));
}

}  // namespace moderno::orders
