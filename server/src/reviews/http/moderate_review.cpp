#include "platform/audit/audit.hpp"
#include "platform/http/json_body.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "reviews/errors.hpp"
#include "reviews/http/handlers.hpp"
#include "reviews/validation.hpp"

namespace moderno::reviews {

http::Response ModerateReview(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return http::Problem(ReviewNotFound(std::string(req.Param("id"))).error(), req);
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error(), req);
  auto status = ParseModeration(*body);
  if (!status) return http::Problem(status.error(), req);
  auto review = d.reviews.Moderate(*id, *status, audit::EntryFrom(req));
  if (!review) return http::Problem(review.error(), req);
  return ReviewJson(200, StaffJson(*review));
}

}  // namespace moderno::reviews
