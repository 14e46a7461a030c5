#include "admin/audit_log.hpp"

#include "admin/audit_queries.hpp"
#include "platform/http/pagination.hpp"
#include "platform/http/params.hpp"
#include "platform/time/timestamp.hpp"

namespace moderno::admin {
namespace {

constexpr std::size_t kMaxName = 64;

}  // namespace

Result<AuditQuery> ParseAuditQuery(const std::vector<std::pair<std::string, std::string>>& params) {
  auto get = [&](std::string_view name) -> std::optional<std::string> {
    for (const auto& [k, v] : params) {
      if (k == name) return v;
    }
    return std::nullopt;
  };
  AuditQuery q;
  std::vector<FieldError> errors;
  const http::PageRequest page = http::ReadPage(params, errors);
  q.page = page.page;
  q.limit = page.limit;
  if (auto v = get("actor"); v && !v->empty()) {
    if (auto id = http::ParseId(*v)) {
      q.actor_user_id = *id;
    } else {
      errors.push_back({"actor", "invalid", "actor must be a user id"});
    }
  }
  struct Text {
    const char* name;
    std::optional<std::string>* out;
  };
  for (const Text& t :
       {Text{"entity", &q.entity}, Text{"entity_id", &q.entity_id}, Text{"action", &q.action}}) {
    if (auto v = get(t.name); v && !v->empty()) {
      if (v->size() > kMaxName) {
        errors.push_back({t.name, "too_long", std::string(t.name) + " must be at most 64 bytes"});
      } else {
        *t.out = *v;
      }
    }
  }
  for (const char* name : {"from", "to"}) {
    if (auto v = get(name); v && !v->empty()) {
      const bool is_to = std::string_view(name) == "to";
      auto ts = time::ParseTimestamp(*v, is_to);
      if (!ts) {
        // The same words as http::TimestampParam, which reads these from a request.
        errors.push_back({name, "invalid",
                          std::string(name) + " must be a date (YYYY-MM-DD) or an ISO 8601 date and time"});
      } else {
        (is_to ? q.to : q.from) = *ts;
      }
    }
  }
  if (q.from && q.to && *q.from > *q.to) {
    errors.push_back({"from", "invalid_range", "from must not be after to"});
  }
  if (!errors.empty()) return Invalid(std::move(errors), "Invalid audit log parameters.");
  return q;
}

AuditPage ListAudit(db::UnitOfWork& uow, const AuditQuery& q) {
  std::string where(sql::kAuditWhere);
  std::vector<db::Value> params;
  if (q.actor_user_id) {
    where += sql::kByActor;
    params.emplace_back(*q.actor_user_id);
  }
  if (q.entity) {
    where += sql::kByEntity;
    params.emplace_back(*q.entity);
  }
  if (q.entity_id) {
    where += sql::kByEntityId;
    params.emplace_back(*q.entity_id);
  }
  if (q.action) {
    where += sql::kByAction;
    params.emplace_back(*q.action);
  }
  if (q.from) {
    where += sql::kFrom;
    params.emplace_back(*q.from);
  }
  if (q.to) {
    where += sql::kTo;
    params.emplace_back(*q.to);
  }
  AuditPage page;
  page.total = uow.QueryOne(std::string(sql::kAuditCount) + where, params)->Int(0);
  const std::int64_t offset = static_cast<std::int64_t>(q.page - 1) * q.limit;
  if (offset >= page.total) return page;
  params.emplace_back(std::int64_t{q.limit});
  params.emplace_back(offset);
  for (const db::Row& r :
       uow.Query(std::string(sql::kAuditColumns) + where + std::string(sql::kAuditPage), params)) {
    page.items.push_back({r.Int(0), r.OptInt(1), r.OptStr(2), r.Str(3), r.Str(4), r.OptStr(5),
                          r.OptStr(6), r.OptStr(7), r.OptStr(8), r.Str(9)});
  }
  return page;
}

}  // namespace moderno::admin
