#pragma once
// The analytics operations, one per file, and what they share.
#include <boost/json/object.hpp>
#include <memory>

#include "analytics/reports.hpp"
#include "analytics/service.hpp"
#include "platform/db/db.hpp"
#include "platform/http/message.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/time/time.hpp"

namespace moderno::analytics {

// What every analytics handler is given; the references must outlive the router.
struct HttpDeps {
  db::Database& db;
  Service& service;
  ExportFiles& files;
  jobs::Queue& jobs;
  time::SystemClock clock;
};

http::Response GetDashboard(http::Request& req, HttpDeps& d);
http::Response GetAnalytics(http::Request& req, HttpDeps& d);
http::Response GetReport(http::Request& req, HttpDeps& d, Report report);
http::Response DownloadExport(http::Request& req, HttpDeps& d);

boost::json::object ToJson(const Figures& f);

}  // namespace moderno::analytics
