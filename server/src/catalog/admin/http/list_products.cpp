#include "catalog/admin/admin_json.hpp"
#include "catalog/admin/http/handlers.hpp"

namespace moderno::catalog::admin_http {

http::Response ListProducts(http::Request& req, const AdminDeps& d) {
  auto q = ParseStaffProductQuery(req.query);
  if (!q) return http::Problem(q.error(), req);
  auto page = Admin(d).ListProducts(*q);
  if (!page) return http::Problem(page.error(), req);
  return http::Json(200, ToJson(*page, *q));
}

}  // namespace moderno::catalog::admin_http
