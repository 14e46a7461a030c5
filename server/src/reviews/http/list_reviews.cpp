#include "platform/http/problem.hpp"
#include "reviews/errors.hpp"
#include "reviews/http/handlers.hpp"
#include "reviews/validation.hpp"

namespace moderno::reviews {

http::Response ListReviews(http::Request& req, Service& s) {
  auto product_id = ParseId(req.Param("id"));
  if (!product_id) return http::Problem(ProductNotFound(std::string(req.Param("id"))).error(), req);
  auto q = ParseListQuery(req.query);
  if (!q) return http::Problem(q.error(), req);
  auto reviews = s.ListPublished(*product_id, *q);
  if (!reviews) return http::Problem(reviews.error(), req);
  boost::json::array data;
  for (const Review& r : reviews->items) data.push_back(PublicJson(r));
  return ReviewJson(200, boost::json::object{
                             {"data", std::move(data)},
                             {"pagination", PaginationJson(q->page, q->limit,
                                                           reviews->summary.reviews_count)},
                             {"summary", ToJson(reviews->summary)}});
}

}  // namespace moderno::reviews
