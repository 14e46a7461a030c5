#include "catalog/admin/http/handlers.hpp"
#include "platform/audit/audit.hpp"

namespace moderno::catalog::admin_http {

http::Response DeleteCategory(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return NotFound(req, "category");
  auto done = d.admin.DeleteCategory(*id, audit::EntryFrom(req));
  if (!done) return http::Problem(done.error(), req);
  return http::NoContent();
}

}  // namespace moderno::catalog::admin_http
