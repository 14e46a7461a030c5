#include "orders/http/json.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"
#include "workflows/http/handlers.hpp"

namespace moderno::workflows {

// POST /api/v1/orders/{id}/pay: a new attempt to pay the customer's open order on the
// provider's page (after a decline or an abort, while its stock is held): the order with
// next_action {type: redirect, url, method, fields}.
http::Response PayOrder(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  auto o = d.changes.RetryPayment(req.principal->user_id, *id);
  if (!o) return http::Problem(o.error(), req);
  http::Response r = http::PrivateJson(200, orders::ToJson(*o, false));
  return r;
}

}  // namespace moderno::workflows
