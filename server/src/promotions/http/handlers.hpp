#pragma once
// The staff coupon operations, one per file, and what they share.
#include "platform/http/message.hpp"
#include "platform/http/params.hpp"
#include "platform/http/responses.hpp"
#include "promotions/service.hpp"

namespace moderno::promotions {

// What every coupon handler is given; the service must outlive the router.
struct HttpDeps {
  CouponAdmin& coupons;
};

}  // namespace moderno::promotions

namespace moderno::promotions::admin_http {

http::Response ListCoupons(http::Request& req, HttpDeps& d);
http::Response CreateCoupon(http::Request& req, HttpDeps& d);
http::Response GetCoupon(http::Request& req, HttpDeps& d);
http::Response UpdateCoupon(http::Request& req, HttpDeps& d);
http::Response DeleteCoupon(http::Request& req, HttpDeps& d);

// The 404 for a path id that is not a coupon.
http::Response NoSuchCoupon(const http::Request& req);

}  // namespace moderno::promotions::admin_http
