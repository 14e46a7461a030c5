#include "admin/http/handlers.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::admin {

http::Response GetJob(http::Request& req, HttpDeps& d) {
  const auto id = http::PathId(req);
  if (!id) return http::Problem(Error{Errc::kNotFound, "No such job.", "", {}, "not_found"}, req);
  auto job = d.jobs.Get(*id);
  if (!job) return http::Problem(job.error(), req);
  return http::Json(200, ToJson(*job));
}

}  // namespace moderno::admin
