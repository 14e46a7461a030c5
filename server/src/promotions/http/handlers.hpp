#pragma once
// The staff coupon operations, one per file, and what they share.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>

#include "platform/http/message.hpp"
#include "promotions/service.hpp"

namespace moderno::promotions::admin_http {

http::Response ListCoupons(http::Request& req, CouponAdmin& admin);
http::Response CreateCoupon(http::Request& req, CouponAdmin& admin);
http::Response GetCoupon(http::Request& req, CouponAdmin& admin);
http::Response UpdateCoupon(http::Request& req, CouponAdmin& admin);
http::Response DeleteCoupon(http::Request& req, CouponAdmin& admin);

// The {id} of the path: a positive integer of up to 18 digits, else nullopt (answered 404).
std::optional<std::int64_t> CouponId(const http::Request& req);

// The 404 for a path id that is not a coupon.
http::Response NoSuchCoupon(const http::Request& req);

http::Response Json(int status, const boost::json::object& body);

}  // namespace moderno::promotions::admin_http
