#include <boost/json.hpp>

#include "admin/http/handlers.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"

namespace moderno::admin {

http::Response ListAuditLog(http::Request& req, HttpDeps& d) {
  auto q = ParseAuditQuery(req.query);
  if (!q) return http::Problem(q.error(), req);
  auto page = d.db.Read([&](db::UnitOfWork& uow) -> Result<AuditPage> { return ListAudit(uow, *q); });
  if (!page) return http::Problem(page.error(), req);
  boost::json::array data;
  for (const AuditRecord& r : page->items) data.push_back(ToJson(r));
  return http::Json(200, http::PageJson(std::move(data), q->page, q->limit, page->total));
}

}  // namespace moderno::admin
