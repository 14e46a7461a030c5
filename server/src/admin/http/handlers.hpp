#pragma once
// Staff tools that span the shop, one operation per file: the audit log and the durable job
// queue.
#include <boost/json/object.hpp>

#include "admin/audit_log.hpp"
#include "platform/db/db.hpp"
#include "platform/http/message.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/time/time.hpp"

namespace moderno::admin {

// What every admin handler is given; the references must outlive the router.
struct HttpDeps {
  db::Database& db;
  jobs::Queue& jobs;
  time::SystemClock clock;
};

// GET /api/v1/admin/audit-log: newest first, filtered and paginated (admin and up).
http::Response ListAuditLog(http::Request& req, HttpDeps& d);
// GET /api/v1/admin/jobs (status, kind; with counts by status) and /jobs/{id} (manager and up).
http::Response ListJobs(http::Request& req, HttpDeps& d);
http::Response GetJob(http::Request& req, HttpDeps& d);
// POST /api/v1/admin/jobs/{id}/retry: a dead or done job queued again (admin and up).
http::Response RetryJob(http::Request& req, HttpDeps& d);

boost::json::object ToJson(const AuditRecord& r);
boost::json::object ToJson(const jobs::Job& j);

}  // namespace moderno::admin
