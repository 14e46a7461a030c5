// GET /api/v1/admin/audit-log: the audit log, newest first, filtered and paginated.
#include <boost/json.hpp>

#include "admin/audit_log.hpp"
#include "admin/routes.hpp"
#include "platform/http/problem.hpp"
#include "platform/http/responses.hpp"
#include "platform/time/time.hpp"

namespace moderno::admin {
namespace {

namespace json = boost::json;

json::value Nullable(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

// Stored details are embedded as JSON, not as a string.
json::value Details(const std::optional<std::string>& text) {
  if (!text || text->empty()) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(*text, ec);
  return ec ? json::value(*text) : v;
}

json::object ToJson(const AuditRecord& r) {
  return {{"id", r.id},
          {"actor_user_id", r.actor_user_id ? json::value(*r.actor_user_id) : json::value(nullptr)},
          {"actor_role", Nullable(r.actor_role)},
          {"action", r.action},
          {"entity", r.entity},
          {"entity_id", Nullable(r.entity_id)},
          {"details", Details(r.details_json)},
          {"ip", Nullable(r.ip)},
          {"request_id", Nullable(r.request_id)},
          {"created_at", time::IsoFromSql(r.created_at)}};
}

http::Response ListAuditLog(http::Request& req, db::Database& db) {
  auto q = ParseAuditQuery(req.query);
  if (!q) return http::Problem(q.error(), req);
  auto page = db.Read([&](db::UnitOfWork& uow) -> Result<AuditPage> { return ListAudit(uow, *q); });
  if (!page) return http::Problem(page.error(), req);
  json::array data;
  for (const AuditRecord& r : page->items) data.push_back(ToJson(r));
  return http::Json(200, http::PageJson(std::move(data), q->page, q->limit, page->total));
}

}  // namespace

void RegisterAuditRoutes(http::Router& router, db::Database& db) {
  router.Add("GET", "/api/v1/admin/audit-log",
             [&db](http::Request& req) { return ListAuditLog(req, db); },
             {.access = http::Staff(http::Role::kAdmin), .rate_class = "admin"});
}

}  // namespace moderno::admin
