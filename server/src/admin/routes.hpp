#pragma once
// Staff routes that span the shop: the audit log (more admin tools join here).
#include "platform/db/db.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/time/time.hpp"

namespace moderno::admin {

// GET /api/v1/admin/audit-log (admin and up).
void RegisterAuditRoutes(http::Router& router, db::Database& db);

// GET /api/v1/admin/jobs and /jobs/{id} (manager and up), POST /api/v1/admin/jobs/{id}/retry
// (admin and up); `queue` must outlive the router.
void RegisterJobRoutes(http::Router& router, jobs::Queue& queue, time::SystemClock clock);

}  // namespace moderno::admin
