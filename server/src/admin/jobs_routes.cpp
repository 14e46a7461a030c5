// Staff view of the durable job queue: GET /api/v1/admin/jobs (filter by status and kind, newest
// first), GET /api/v1/admin/jobs/{id} (status, progress and result of one job, e.g. an import or
// a report export), POST /api/v1/admin/jobs/{id}/retry (a dead or done job queued again).
#include <boost/json.hpp>

#include "admin/routes.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/params.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::admin {
namespace {

namespace json = boost::json;

json::value Nullable(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

std::string Iso(const std::optional<std::string>& ts) { return ts ? time::IsoFromSql(*ts) : std::string(); }

// The stored result is JSON text written by the handler; shown as JSON.
json::value ResultJson(const std::optional<std::string>& text) {
  if (!text || text->empty()) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(*text, ec);
  return ec ? json::value(*text) : v;
}

json::object ToJson(const jobs::Job& j) {
  return {{"id", j.id},
          {"kind", j.kind},
          {"status", j.status},
          {"attempts", j.attempts},
          {"max_attempts", j.max_attempts},
          {"run_after", time::IsoFromSql(j.run_after)},
          {"last_error", Nullable(j.last_error)},
          {"progress", {{"done", j.progress_done}, {"total", j.progress_total}}},
          {"result", ResultJson(j.result)},
          {"created_at", time::IsoFromSql(j.created_at)},
          {"updated_at", time::IsoFromSql(j.updated_at)},
          {"finished_at", j.finished_at ? json::value(Iso(j.finished_at)) : json::value(nullptr)}};
}

http::Response NoJob(const http::Request& req) {
  return http::Problem(Error{Errc::kNotFound, "No such job.", "", {}, "not_found"}, req);
}

http::Response ListJobs(http::Request& req, jobs::Queue& queue) {
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
  auto list = queue.List(status, kind, page.page, page.limit);
  if (!list) return http::Problem(list.error(), req);
  auto counts = queue.Counts();
  if (!counts) return http::Problem(counts.error(), req);
  json::array data;
  for (const auto& j : list->jobs) data.push_back(ToJson(j));
  json::object by_status;
  for (const auto& [s, n] : *counts) by_status[s] = n;
  json::object body = http::PageJson(std::move(data), page.page, page.limit, list->total);
  body["counts"] = std::move(by_status);
  return http::Json(200, body);
}

http::Response GetJob(http::Request& req, jobs::Queue& queue) {
  const auto id = http::PathId(req);
  if (!id) return NoJob(req);
  auto job = queue.Get(*id);
  if (!job) return http::Problem(job.error(), req);
  return http::Json(200, ToJson(*job));
}

http::Response RetryJob(http::Request& req, jobs::Queue& queue, const time::SystemClock& clock) {
  const auto id = http::PathId(req);
  if (!id) return NoJob(req);
  auto job = queue.Retry(*id, time::ToSql(clock()));
  if (!job) return http::Problem(job.error(), req);
  return http::Json(200, ToJson(*job));
}

}  // namespace

void RegisterJobRoutes(http::Router& router, jobs::Queue& queue, time::SystemClock clock) {
  const http::RouteOptions read{.access = http::Staff(http::Role::kManager), .rate_class = "admin"};
  router.Add("GET", "/api/v1/admin/jobs", [&queue](http::Request& req) { return ListJobs(req, queue); }, read);
  router.Add("GET", "/api/v1/admin/jobs/{id}", [&queue](http::Request& req) { return GetJob(req, queue); }, read);
  router.Add(
      "POST", "/api/v1/admin/jobs/{id}/retry",
      [&queue, clock = std::move(clock)](http::Request& req) { return RetryJob(req, queue, clock); },
      {.access = http::Staff(http::Role::kAdmin), .rate_class = "admin"});
}

}  // namespace moderno::admin
