#include "catalog/admin/admin_json.hpp"
#include "catalog/admin/http/handlers.hpp"

namespace moderno::catalog::admin_http {

http::Response ListProducts(http::Request& req, HttpDeps& d) {
  auto q = ParseStaffProductQuery(req.query);
  if (!q) return http::Problem(q.error(), req);
  auto page = d.admin.ListProducts(*q);
  if (!page) return http::Problem(page.error(), req);
  return http::Json(200, ToJson(*page, *q));
}

}  // namespace moderno::catalog::admin_http
