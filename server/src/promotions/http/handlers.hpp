#pragma once
// The staff coupon operations, one per file, and what they share.
#include "platform/http/message.hpp"
#include "platform/http/params.hpp"
#include "platform/http/responses.hpp"
#include "promotions/service.hpp"

namespace moderno::promotions::admin_http {

http::Response ListCoupons(http::Request& req, CouponAdmin& admin);
http::Response CreateCoupon(http::Request& req, CouponAdmin& admin);
http::Response GetCoupon(http::Request& req, CouponAdmin& admin);
http::Response UpdateCoupon(http::Request& req, CouponAdmin& admin);
http::Response DeleteCoupon(http::Request& req, CouponAdmin& admin);

// The 404 for a path id that is not a coupon.
http::Response NoSuchCoupon(const http::Request& req);

}  // namespace moderno::promotions::admin_http
