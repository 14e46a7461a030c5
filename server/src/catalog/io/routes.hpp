#pragma once
// Catalog CSV routes: GET /api/v1/admin/products/export.csv (manager and up) and
// POST /api/v1/admin/products/import?dry_run= (admin and up). Imports above kSyncImportRows run
// as a durable job of kind kImportJob (202 with the job id; progress at /api/v1/admin/jobs/{id}).
#include <cstddef>
#include <filesystem>

#include "catalog/service.hpp"
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/time/time.hpp"

namespace moderno::catalog::io {

// Largest import body (a CSV or a multipart upload of one).
inline constexpr std::size_t kImportMaxBytes = 50u << 20;
// Imports with more data rows than this answer 202 and run as a job.
inline constexpr std::size_t kSyncImportRows = 2000;
inline constexpr const char* kImportJob = "catalog.import";

// What the routes and the job need; the references must outlive the router and the queue.
struct IoDeps {
  db::Database& db;
  Service& service;
  jobs::Queue& jobs;
  std::filesystem::path upload_dir;  // where queued imports wait for their job
  time::SystemClock clock;
};

// Registers the routes and the import job's handler (before the queue starts).
void RegisterIoRoutes(http::Router& router, const IoDeps& deps);

}  // namespace moderno::catalog::io
