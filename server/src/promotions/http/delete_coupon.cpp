#include "platform/audit/audit.hpp"
#include "platform/http/problem.hpp"
#include "promotions/http/handlers.hpp"

namespace moderno::promotions::admin_http {

// 204 either way; the audit record says whether the coupon was deleted or, because orders
// used it, only deactivated (the coupon then still answers GET with is_active false).
http::Response DeleteCoupon(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return NoSuchCoupon(req);
  auto outcome = d.coupons.Delete(*id, audit::EntryFrom(req));
  if (!outcome) return http::Problem(outcome.error(), req);
  return http::NoContent();
}

}  // namespace moderno::promotions::admin_http
