#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"
#include "reviews/http/handlers.hpp"
#include "reviews/validation.hpp"

namespace moderno::reviews {

http::Response ListStaffReviews(http::Request& req, HttpDeps& d) {
  auto q = ParseStaffQuery(req.query);
  if (!q) return http::Problem(q.error(), req);
  auto page = d.reviews.ListForStaff(*q);
  if (!page) return http::Problem(page.error(), req);
  boost::json::array data;
  for (const Review& r : page->items) data.push_back(StaffJson(r));
  return ReviewJson(200, http::PageJson(std::move(data), q->page, q->limit, page->total));
}

}  // namespace moderno::reviews
