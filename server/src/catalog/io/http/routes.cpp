// The catalog CSV routes and the import job.
#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "catalog/io/catalog_io.hpp"
#include "catalog/http/routes.hpp"
#include "platform/audit/audit.hpp"
#include "platform/crypto/cipher.hpp"
#include "platform/http/multipart.hpp"
#include "platform/http/problem.hpp"
#include "platform/log/log.hpp"

namespace moderno::catalog::io {
namespace json = boost::json;
namespace {

http::Response Export(http::Request& req, HttpDeps& d) {
  auto text = d.io.Export();
  if (!text) return http::Problem(text.error(), req);
  http::Response r = http::TextResponse(200, std::move(*text), "text/csv; charset=utf-8");
  r.Set("Content-Disposition", "attachment; filename=\"products.csv\"");
  r.Set("Cache-Control", "no-store");
  return r;
}

// The CSV of an import request: the body, or the multipart field "file".
Result<std::string_view> CsvOf(const http::Request& req) {
  const std::string_view type = req.Header("content-type").value_or("");
  std::string_view text = req.body;
  if (http::IsMultipart(type)) {
    auto parts = http::ParseMultipart(type, req.body);
    if (!parts) return std::unexpected(parts.error());
    const http::MultipartPart* file = http::FindPart(*parts, "file");
    if (!file) return Invalid({{"file", "required", "send the CSV as the multipart field \"file\""}});
    text = file->data;
  }
  if (text.empty()) return Invalid({{"file", "required", "the CSV file is empty"}});
  return text;
}

std::optional<bool> DryRun(const http::Request& req) {
  auto v = req.Query("dry_run");
  if (!v || *v == "false" || *v == "0") return false;
  if (*v == "true" || *v == "1" || v->empty()) return true;
  return std::nullopt;
}

http::Response Import(http::Request& req, HttpDeps& d) {
  auto dry_run = DryRun(req);
  if (!dry_run) {
    return http::Problem(Invalid({{"dry_run", "invalid", "dry_run must be true or false"}}).error(), req);
  }
  auto text = CsvOf(req);
  if (!text) return http::Problem(text.error(), req);
  const audit::AuditEntry who = audit::EntryFrom(req);
  const std::size_t rows = CountDataRows(*text);
  if (rows > kSyncImportRows) {
    // Large files wait on disk for a worker; the job row is committed with nothing else.
    std::error_code ec;
    std::filesystem::create_directories(d.upload_dir, ec);
    const std::filesystem::path file = d.upload_dir / (crypto::RandomToken(16) + ".csv");
    {
      std::ofstream out(file, std::ios::binary);
      out.write(text->data(), static_cast<std::streamsize>(text->size()));
      if (!out) return http::Problem(Errc::kInternal, "", req);
    }
    const std::string payload = json::serialize(json::object{
        {"file", file.string()},
        {"dry_run", *dry_run},
        {"rows", rows},
        {"actor_user_id", who.actor_user_id ? json::value(*who.actor_user_id) : json::value(nullptr)},
        {"actor_role", who.actor_role},
        {"ip", who.ip},
        {"request_id", who.request_id}});
    auto id = d.db.Write([&](db::UnitOfWork& uow) -> Result<std::int64_t> {
      return d.jobs.Enqueue(uow, kImportJob, payload, {.max_attempts = 3});
    });
    if (!id) {
      std::filesystem::remove(file, ec);
      return http::Problem(id.error(), req);
    }
    const std::string status_url = "/api/v1/admin/jobs/" + std::to_string(*id);
    http::Response r = http::JsonResponse(
        202, json::serialize(json::object{
                 {"job_id", *id}, {"status", "queued"}, {"rows", rows}, {"dry_run", *dry_run}, {"status_url", status_url}}));
    r.Set("Location", status_url);
    return r;
  }
  auto report = d.io.Import(*text, *dry_run, who);
  if (!report) return http::Problem(report.error(), req);
  return http::JsonResponse(200, ReportJson(*report));
}

// Runs a queued import. A file with invalid rows is a finished job whose result lists them
// (retrying cannot fix it); only infrastructure failures are retried.
Result<void> RunImportJob(jobs::Context& ctx, HttpDeps& d) {
  boost::system::error_code ec;
  json::value payload = json::parse(ctx.job().payload, ec);
  if (ec || !payload.is_object()) return Fail(Errc::kInternal, "", "catalog.import: bad payload");
  const json::object& p = payload.as_object();
  const std::string file = std::string(p.at("file").as_string());
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    ctx.SetResult(json::serialize(json::object{{"status", "failed"}, {"detail", "the uploaded file is gone"}}));
    return {};
  }
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  audit::AuditEntry who;
  if (p.at("actor_user_id").is_int64()) who.actor_user_id = p.at("actor_user_id").as_int64();
  who.actor_role = std::string(p.at("actor_role").as_string());
  who.ip = std::string(p.at("ip").as_string());
  who.request_id = std::string(p.at("request_id").as_string());
  auto report = d.io
                    .Import(text, p.at("dry_run").as_bool(), who,
                            [&ctx](std::int64_t done, std::int64_t total) { ctx.Progress(done, total); });
  if (!report && report.error().code != Errc::kInvalidArgument) {
    return std::unexpected(report.error());
  }
  if (report) {
    json::value result = json::parse(ReportJson(*report));
    result.as_object()["status"] = "done";
    ctx.SetResult(json::serialize(result));
  } else {
    json::object result{{"status", "invalid"}, {"detail", report.error().detail}};
    json::value ext = json::parse(report.error().extensions, ec);
    if (!ec && ext.is_object()) {
      for (const auto& m : ext.as_object()) result[m.key()] = m.value();
    }
    ctx.SetResult(json::serialize(result));
  }
  std::error_code fs_ec;
  std::filesystem::remove(file, fs_ec);
  return {};
}

}  // namespace

void RegisterIoRoutes(http::Router& router, HttpDeps& deps) {
  router.Add("GET", "/api/v1/admin/products/export.csv", [&deps](http::Request& req) { return Export(req, deps); },
             {.access = http::Staff(http::Role::kManager), .rate_class = "admin"});
  router.Add("POST", "/api/v1/admin/products/import", [&deps](http::Request& req) { return Import(req, deps); },
             {.access = http::Staff(http::Role::kAdmin), .rate_class = "admin", .max_body_bytes = kImportMaxBytes});
  deps.jobs.Register(kImportJob, [&deps](jobs::Context& ctx) { return RunImportJob(ctx, deps); });
}

}  // namespace moderno::catalog::io
