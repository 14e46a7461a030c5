#include "catalog/admin/http/handlers.hpp"
#include "platform/audit/audit.hpp"

namespace moderno::catalog::admin_http {

http::Response DeleteBrand(http::Request& req, HttpDeps& d) {
  auto id = http::PathId(req);
  if (!id) return NotFound(req, "brand");
  auto done = d.admin.DeleteBrand(*id, audit::EntryFrom(req));
  if (!done) return http::Problem(done.error(), req);
  return http::NoContent();
}

}  // namespace moderno::catalog::admin_http
