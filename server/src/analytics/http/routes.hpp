#pragma once
// Registers the staff analytics routes (manager and up, read-only, "admin" rate class):
//   GET /api/v1/admin/dashboard?period=today|7d|30d
//   GET /api/v1/admin/analytics?from&to&group_by=day|week|month
//   GET /api/v1/admin/reports/{sales|inventory|customers}.csv?from&to[&async=true]
//   GET /api/v1/admin/reports/files/{name}   (a file written by an export job)
#include "analytics/http/handlers.hpp"
#include "platform/http/router.hpp"

namespace moderno::analytics {

// Adds the routes and registers the export job kind on `deps.jobs` (before the queue starts).
void RegisterRoutes(http::Router& router, HttpDeps& deps);

}  // namespace moderno::analytics
