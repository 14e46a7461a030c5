#include <boost/json.hpp>

#include "admin/http/handlers.hpp"

namespace moderno::admin {
namespace json = boost::json;
namespace {

json::value Nullable(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

// Stored JSON text (audit details, a job's result) embedded as JSON; text that is not JSON as a string.
json::value Embedded(const std::optional<std::string>& text) {
  if (!text || text->empty()) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(*text, ec);
  return ec ? json::value(*text) : v;
}

}  // namespace

json::object ToJson(const AuditRecord& r) {
  return {{"id", r.id},
          {"actor_user_id", r.actor_user_id ? json::value(*r.actor_user_id) : json::value(nullptr)},
          {"actor_role", Nullable(r.actor_role)},
          {"action", r.action},
          {"entity", r.entity},
          {"entity_id", Nullable(r.entity_id)},
          {"details", Embedded(r.details_json)},
          {"ip", Nullable(r.ip)},
          {"request_id", Nullable(r.request_id)},
          {"created_at", time::IsoFromSql(r.created_at)}};
}

json::object ToJson(const jobs::Job& j) {
  return {{"id", j.id},
          {"kind", j.kind},
          {"status", j.status},
          {"attempts", j.attempts},
          {"max_attempts", j.max_attempts},
          {"run_after", time::IsoFromSql(j.run_after)},
          {"last_error", Nullable(j.last_error)},
          {"progress", {{"done", j.progress_done}, {"total", j.progress_total}}},
          {"result", Embedded(j.result)},
          {"created_at", time::IsoFromSql(j.created_at)},
          {"updated_at", time::IsoFromSql(j.updated_at)},
          {"finished_at", j.finished_at ? json::value(time::IsoFromSql(*j.finished_at)) : json::value(nullptr)}};
}

}  // namespace moderno::admin
