#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"
#include "reviews/errors.hpp"
#include "reviews/http/handlers.hpp"
#include "reviews/validation.hpp"

namespace moderno::reviews {

http::Response ListReviews(http::Request& req, HttpDeps& d) {
  auto product_id = http::PathId(req);
  if (!product_id) return http::Problem(ProductNotFound(std::string(req.Param("id"))).error(), req);
  auto q = ParseListQuery(req.query);
  if (!q) return http::Problem(q.error(), req);
  auto reviews = d.reviews.ListPublished(*product_id, *q);
  if (!reviews) return http::Problem(reviews.error(), req);
  boost::json::array data;
  for (const Review& r : reviews->items) data.push_back(PublicJson(r));
  boost::json::object page = http::PageJson(std::move(data), q->page, q->limit, reviews->summary.reviews_count);
  page["summary"] = ToJson(reviews->summary);
  return ReviewJson(200, page);
}

}  // namespace moderno::reviews
