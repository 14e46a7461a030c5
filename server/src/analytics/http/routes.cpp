#include "analytics/http/routes.hpp"

namespace moderno::analytics {

void RegisterRoutes(http::Router& router, HttpDeps& deps) {
  RegisterExportJob(deps.jobs, deps.db, deps.files);
  const http::RouteOptions staff{.access = http::Staff(http::Role::kManager), .rate_class = "admin"};
  router.Add("GET", "/api/v1/admin/dashboard", [&deps](http::Request& req) { return GetDashboard(req, deps); }, staff);
  router.Add("GET", "/api/v1/admin/analytics", [&deps](http::Request& req) { return GetAnalytics(req, deps); }, staff);
  for (Report r : {Report::kSales, Report::kInventory, Report::kCustomers}) {
    router.Add("GET", "/api/v1/admin/reports/" + std::string(ReportName(r)) + ".csv",
               [&deps, r](http::Request& req) { return GetReport(req, deps, r); }, staff);
  }
  router.Add("GET", "/api/v1/admin/reports/files/{name}",
             [&deps](http::Request& req) { return DownloadExport(req, deps); }, staff);
}

}  // namespace moderno::analytics
