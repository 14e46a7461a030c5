#include "platform/http/json_body.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "reviews/errors.hpp"
#include "reviews/http/handlers.hpp"
#include "reviews/validation.hpp"

namespace moderno::reviews {

http::Response CreateReview(http::Request& req, HttpDeps& d) {
  auto product_id = http::PathId(req);
  if (!product_id) return http::Problem(ProductNotFound(std::string(req.Param("id"))).error(), req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto in = ParseReviewInput(*body);
  if (!in) return http::Problem(in.error(), req);
  auto review = d.reviews.Create(*product_id, req.principal->user_id, *in);
  if (!review) return http::Problem(review.error(), req);
  // The author's own view also says where the review stands.
  boost::json::object out = PublicJson(*review);
  out["status"] = ApiName(review->status);
  return ReviewJson(201, out);
}

}  // namespace moderno::reviews
