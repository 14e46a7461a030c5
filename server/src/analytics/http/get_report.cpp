#include <boost/json.hpp>

#include "analytics/http/handlers.hpp"
#include "platform/http/responses.hpp"
#include "platform/http/file_stream.hpp"
#include "platform/http/problem.hpp"
#include "platform/log/log.hpp"

namespace moderno::analytics {
namespace {

http::Response Csv(std::string body, const std::string& filename) {
  http::Response r = http::TextResponse(200, std::move(body), "text/csv; charset=utf-8");
  r.Set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace

http::Response GetReport(http::Request& req, HttpDeps& d, Report report) {
  auto opt = [&](std::string_view name) {
    auto v = req.Query(name);
    return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
  };
  auto range = d.service.ReadRange(opt("from"), opt("to"));
  if (!range) return http::Problem(range.error(), req);
  const auto async = req.Query("async");
  if (async && *async != "true" && *async != "false") {
    return http::Problem(Invalid({{"async", "invalid", "async must be true or false."}}).error(), req);
  }
  bool by_job = async && *async == "true";
  if (!by_job) {
    auto rows = CountReportRows(d.db, report, *range);
    if (!rows) return http::Problem(rows.error(), req);
    by_job = *rows > kDirectReportRows;
  }
  if (by_job) {
    const std::string payload = boost::json::serialize(
        boost::json::object{{"report", ReportName(report)}, {"from", range->from}, {"to", range->to}});
    // Through the queue: its workers (and, with Redis, every node's) wake when it commits.
    auto id = d.db.Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
      return d.jobs.Enqueue(uow, kExportJob, payload, {.max_attempts = 3});
    });
    if (!id) return http::Problem(id.error(), req);
    const std::string status_url = "/api/v1/admin/jobs/" + std::to_string(*id);
    http::Response r = http::PrivateJson(202, {{"job_id", *id}, {"status", "queued"}, {"status_url", status_url}});
    r.Set("Location", status_url);
    return r;
  }
  std::string body;
  auto written = WriteReport(d.db, report, *range, [&](std::string_view chunk) { body.append(chunk); });
  if (!written) return http::Problem(written.error(), req);
  return Csv(std::move(body), std::string(ReportName(report)) + "-" + range->from + "-" + range->to + ".csv");
}

http::Response DownloadExport(http::Request& req, HttpDeps& d) {
  const std::string name(req.Param("name"));
  auto path = d.files.Find(name);
  if (!path) return http::Problem(Errc::kNotFound, "No such export file.", req);
  // Streamed from the file: an export may be far larger than what a response should hold.
  auto file = http::FileStream::Open(*path);
  if (!file) return http::Problem(Errc::kUnavailable, "The export file cannot be read.", req);
  http::Response r = Csv("", name);
  r.stream = std::move(file);
  return r;
}

}  // namespace moderno::analytics
