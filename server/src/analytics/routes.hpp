#pragma once
// Staff analytics routes (manager and up, read-only, "admin" rate class):
//   GET /api/v1/admin/dashboard?period=today|7d|30d
//   GET /api/v1/admin/analytics?from&to&group_by=day|week|month
//   GET /api/v1/admin/reports/{sales|inventory|customers}.csv?from&to[&async=true]
//   GET /api/v1/admin/reports/files/{name}   (a file written by an export job)
#include <filesystem>

#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/time/time.hpp"

namespace moderno::analytics {

struct RouteDeps {
  db::Database& db;
  jobs::Queue& jobs;
  time::SystemClock clock;
  std::filesystem::path exports_dir;  // <data dir>/exports
};

// Adds the routes and registers the export job kind on `deps.jobs` (before the queue starts).
void RegisterRoutes(http::Router& router, const RouteDeps& deps);

}  // namespace moderno::analytics
