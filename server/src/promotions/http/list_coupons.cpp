#include <boost/json.hpp>

#include "platform/http/problem.hpp"
#include "promotions/http/handlers.hpp"
#include "promotions/json.hpp"

namespace moderno::promotions::admin_http {

http::Response ListCoupons(http::Request& req, CouponAdmin& admin) {
  auto filter = ParseCouponFilter(req.query);
  if (!filter) return http::Problem(filter.error(), req);
  auto page = admin.List(*filter);
  if (!page) return http::Problem(page.error(), req);
  boost::json::array data;
  for (const Coupon& c : page->items) data.push_back(ToJson(c));
  const std::int64_t limit = filter->limit;
  return Json(200, {{"data", std::move(data)},
                    {"pagination",
                     {{"page", filter->page},
                      {"limit", limit},
                      {"total", page->total},
                      {"pages", (page->total + limit - 1) / limit}}}});
}

}  // namespace moderno::promotions::admin_http
