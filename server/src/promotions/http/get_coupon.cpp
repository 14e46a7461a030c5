#include "platform/http/problem.hpp"
#include "promotions/http/handlers.hpp"
#include "promotions/json.hpp"

namespace moderno::promotions::admin_http {

http::Response GetCoupon(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return NoSuchCoupon(req);
  auto coupon = d.coupons.Get(*id);
  if (!coupon) return http::Problem(coupon.error(), req);
  return http::Json(200, ToJson(*coupon));
}

}  // namespace moderno::promotions::admin_http
