#include <boost/json.hpp>

#include "platform/http/problem.hpp"
#include "promotions/http/handlers.hpp"
#include "promotions/json.hpp"

namespace moderno::promotions::admin_http {

http::Response ListCoupons(http::Request& req, HttpDeps& d) {
  auto filter = ParseCouponFilter(req.query);
  if (!filter) return http::Problem(filter.error(), req);
  auto page = d.coupons.List(*filter);
  if (!page) return http::Problem(page.error(), req);
  boost::json::array data;
  for (const Coupon& c : page->items) data.push_back(ToJson(c));
  return http::Json(200, http::PageJson(std::move(data), filter->page, filter->limit, page->total));
}

}  // namespace moderno::promotions::admin_http
