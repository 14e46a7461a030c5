#include <boost/json.hpp>

#include "admin/http/handlers.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::admin {

http::Response ListJobs(http::Request& req, HttpDeps& d) {
  std::vector<FieldError> errors;
  const auto page = http::ReadPage(req.query, errors);
  std::optional<std::string> status, kind;
  if (auto s = req.Query("status")) {
    status = std::string(*s);
    if (*status != jobs::kQueued && *status != jobs::kRunning && *status != jobs::kDone && *status != jobs::kDead) {
      errors.push_back({"status", "invalid", "status must be one of queued, running, done, dead"});
    }
  }
  if (auto k = req.Query("kind")) {
    kind = std::string(*k);
    if (kind->empty() || kind->size() > 64) errors.push_back({"kind", "invalid", "kind must be 1 to 64 characters"});
  }
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto list = d.jobs.List(status, kind, page.page, page.limit);
  if (!list) return http::Problem(list.error(), req);
  auto counts = d.jobs.Counts();
  if (!counts) return http::Problem(counts.error(), req);
  boost::json::array data;
  for (const auto& j : list->jobs) data.push_back(ToJson(j));
  boost::json::object by_status;
  for (const auto& [s, n] : *counts) by_status[s] = n;
  boost::json::object body = http::PageJson(std::move(data), page.page, page.limit, list->total);
  body["counts"] = std::move(by_status);
  return http::Json(200, body);
}

}  // namespace moderno::admin
