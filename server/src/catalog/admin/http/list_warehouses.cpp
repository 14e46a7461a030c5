#include <boost/json.hpp>

#include "catalog/admin/admin_json.hpp"
#include "catalog/admin/http/handlers.hpp"

namespace moderno::catalog::admin_http {

http::Response ListWarehouses(http::Request& req, HttpDeps& d) {
  auto warehouses = d.admin.ListWarehouses();
  if (!warehouses) return http::Problem(warehouses.error(), req);
  boost::json::array data;
  for (const Warehouse& w : *warehouses) data.push_back(ToJson(w));
  return http::Json(200, {{"data", std::move(data)}});
}

}  // namespace moderno::catalog::admin_http
