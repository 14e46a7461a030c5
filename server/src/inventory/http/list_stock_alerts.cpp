#include <boost/json.hpp>

#include "inventory/http/handlers.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::inventory {

// GET /api/v1/admin/inventory/alerts?status=open|resolved.
http::Response ListStockAlerts(http::Request& req, HttpDeps& d) {
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(req.query, errors);
  std::string status = "open";
  if (auto s = req.Query("status"); s && !s->empty()) {
    status = std::string(*s);
    if (status != "open" && status != "resolved") errors.push_back({"status", "invalid", "status must be open or resolved"});
  }
  if (!errors.empty()) return http::Problem(Invalid(std::move(errors)).error(), req);
  auto result = d.inventory.Alerts(status, page.page, page.limit);
  if (!result) return http::Problem(result.error(), req);
  boost::json::array data;
  for (const auto& a : result->alerts) data.push_back(ToJson(a));
  return http::PrivateJson(200, http::PageJson(std::move(data), page.page, page.limit, result->total));
}

}  // namespace moderno::inventory
