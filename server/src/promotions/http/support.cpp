#include "platform/http/problem.hpp"
#include "promotions/http/handlers.hpp"

namespace moderno::promotions::admin_http {

http::Response NoSuchCoupon(const http::Request& req) {
  return http::Problem(Errc::kNotFound,
                       "No coupon with id '" + std::string(req.Param("id")) + "'.", req);
}

}  // namespace moderno::promotions::admin_http
