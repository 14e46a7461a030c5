#include <boost/json/serialize.hpp>
#include <charconv>

#include "platform/http/problem.hpp"
#include "promotions/http/handlers.hpp"

namespace moderno::promotions::admin_http {

std::optional<std::int64_t> CouponId(const http::Request& req) {
  const std::string_view s = req.Param("id");
  std::int64_t out = 0;
  if (s.empty() || s.size() > 18) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || p != s.data() + s.size() || out < 1) return std::nullopt;
  return out;
}

http::Response NoSuchCoupon(const http::Request& req) {
  return http::Problem(Errc::kNotFound,
                       "No coupon with id '" + std::string(req.Param("id")) + "'.", req);
}

http::Response Json(int status, const boost::json::object& body) {
  return http::JsonResponse(status, boost::json::serialize(body));
}

}  // namespace moderno::promotions::admin_http
