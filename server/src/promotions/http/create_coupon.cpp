#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"
#include "promotions/http/handlers.hpp"
#include "promotions/json.hpp"

namespace moderno::promotions::admin_http {

http::Response CreateCoupon(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ParseCouponInput(*body, true);
  if (!in) return http::Problem(in.error(), req);
  auto created = d.coupons.Create(*in, audit::EntryFrom(req));
  if (!created) return http::Problem(created.error(), req);
  http::Response r = http::Json(201, ToJson(*created));
  r.Set("Location", "/api/v1/admin/coupons/" + std::to_string(created->id));
  return r;
}

}  // namespace moderno::promotions::admin_http
