#include "cart/http/handlers.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/problem.hpp"

namespace moderno::cart {

// POST /api/v1/cart/coupon {code}.
http::Response ApplyCartCoupon(http::Request& req, HttpDeps& d) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  http::Fields f(*body);
  auto code = f.String("code", 64);
  if (!f.ok()) return http::Problem(Invalid(std::move(f.errors())).error(), req);
  return CartResponse(req, d.carts.ApplyCoupon(OwnerOf(req), *code));
}

}  // namespace moderno::cart
