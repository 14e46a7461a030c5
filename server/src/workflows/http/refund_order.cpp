#include "orders/http/json.hpp"
#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"
#include "workflows/http/handlers.hpp"

namespace moderno::workflows {

// POST /api/v1/admin/orders/{id}/refund {amount?, reason?}: all that is left when no amount.
http::Response RefundOrder(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(Errc::kNotFound, "No such order.", req);
  std::optional<std::int64_t> amount;
  std::optional<std::string> reason;
  if (!req.body.empty()) {
    auto body = http::ParseJsonObject(req);
    if (!body) return http::Problem(body.error(), req);
    http::Fields f(*body);
    amount = f.Int("amount", 1, INT64_MAX / 1000, false);
    reason = f.OptString("reason", 500);
    if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  }
  return http::Idempotent(req, d.idempotency, "refund", [&]() -> http::Response {
    auto o = d.changes.Refund(*id, amount, reason, audit::EntryFrom(req));
    if (!o) return http::Problem(o.error(), req);
    return http::PrivateJson(200, orders::ToJson(*o, true));
  });
}

}  // namespace moderno::workflows
