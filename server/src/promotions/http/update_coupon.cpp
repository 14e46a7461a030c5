#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "promotions/http/handlers.hpp"
#include "promotions/json.hpp"

namespace moderno::promotions::admin_http {

http::Response UpdateCoupon(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return NoSuchCoupon(req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ParseCouponInput(*body, false);
  if (!in) return http::Problem(in.error(), req);
  auto updated = d.coupons.Update(*id, *in, audit::EntryFrom(req));
  if (!updated) return http::Problem(updated.error(), req);
  return http::Json(200, ToJson(*updated));
}

}  // namespace moderno::promotions::admin_http
