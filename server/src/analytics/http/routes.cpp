#include "analytics/routes.hpp"

#include "analytics/http/handlers.hpp"

namespace moderno::analytics {

void RegisterRoutes(http::Router& router, const RouteDeps& deps) {
  auto d = std::make_shared<http_ops::Deps>(
      http_ops::Deps{deps.db, Service(deps.db, deps.clock), ExportFiles(deps.exports_dir), deps.clock});
  RegisterExportJob(deps.jobs, deps.db, d->files);
  const http::RouteOptions staff{.access = http::Staff(http::Role::kManager), .rate_class = "admin"};
  router.Add("GET", "/api/v1/admin/dashboard", [d](http::Request& req) { return http_ops::GetDashboard(req, *d); }, staff);
  router.Add("GET", "/api/v1/admin/analytics", [d](http::Request& req) { return http_ops::GetAnalytics(req, *d); }, staff);
  for (Report r : {Report::kSales, Report::kInventory, Report::kCustomers}) {
    router.Add("GET", "/api/v1/admin/reports/" + std::string(ReportName(r)) + ".csv",
               [d, r](http::Request& req) { return http_ops::GetReport(req, *d, r); }, staff);
  }
  router.Add("GET", "/api/v1/admin/reports/files/{name}",
             [d](http::Request& req) { return http_ops::DownloadExport(req, *d); }, staff);
}

}  // namespace moderno::analytics
