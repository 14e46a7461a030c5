#pragma once
// The analytics operations, one per file, and what they share.
#include <boost/json/object.hpp>
#include <memory>

#include "analytics/reports.hpp"
#include "analytics/service.hpp"
#include "platform/db/db.hpp"
#include "platform/http/message.hpp"
#include "platform/time/time.hpp"

namespace moderno::analytics::http_ops {

// What the handlers use; lives as long as the routes.
struct Deps {
  db::Database& db;
  Service service;
  ExportFiles files;
  time::SystemClock clock;
};

http::Response GetDashboard(http::Request& req, Deps& d);
http::Response GetAnalytics(http::Request& req, Deps& d);
http::Response GetReport(http::Request& req, Deps& d, Report report);
http::Response DownloadExport(http::Request& req, Deps& d);

boost::json::object ToJson(const Figures& f);

}  // namespace moderno::analytics::http_ops
